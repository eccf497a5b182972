using CniTest.Ipam;
using CniTest.PluginSdk.Hosting;

// cnitest-ipam: a CNI IPAM plugin; CNI_* variables and stdin in, result or error object out (SPEC §2).
return PluginHost.Main(new HostLocalIpam(), HostLocalIpam.Info);
