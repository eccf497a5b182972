using CniTest.Bridge;
using CniTest.Bridge.Ipam;
using CniTest.Bridge.Skel;

// Stdout carries exactly one JSON document (a result or an error, P19 cni#571); everything else goes to stderr.
using var stdin = Console.OpenStandardInput();
using var stdout = Console.OpenStandardOutput();
var host = new PluginHost(new BridgePlugin(IpamFactory.Create), PluginEnvironment.FromProcess(), stdin, stdout, Console.Error);
return host.Run();
