using CniTest.Bridge;
using CniTest.Bridge.Ipam;
using CniTest.PluginSdk.Hosting;

// Stdout carries exactly one JSON document (a result or an error: cni#571); everything else goes to stderr.
return PluginHost.Main(new BridgePlugin(IpamFactory.Create, Environment.GetEnvironmentVariable), BridgePlugin.Info);
