using System.Text;
using CniTest.Harness.Config;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Integration.Tests.Support;

/// <summary>Conflists for Debian's reference plugins, with all state inside the fake host's private dirs.</summary>
public static class Networks
{
    public static string BridgeJson(FakeHost host, string name = "itnet", string version = "1.0.0", string subnet = "10.250.0.0/24", string extraPlugins = "") =>
        $$$"""
        {"cniVersion":"{{{version}}}","name":"{{{name}}}","plugins":[
          {"type":"bridge","bridge":"itbr0","isGateway":true,"ipMasq":false,"hairpinMode":false,
           "ipam":{"type":"host-local","dataDir":"{{{host.IpamDir}}}","ranges":[[{"subnet":"{{{subnet}}}"}]]}}{{{extraPlugins}}}]}
        """;

    public static string PtpJson(FakeHost host, string version = "1.0.0") =>
        $$$"""
        {"cniVersion":"{{{version}}}","name":"itptp","plugins":[
          {"type":"ptp","ipMasq":false,
           "ipam":{"type":"host-local","dataDir":"{{{host.IpamDir}}}","ranges":[[{"subnet":"10.251.0.0/24"}]]}}]}
        """;

    public const string PortmapPlugin = """,{"type":"portmap","capabilities":{"portMappings":true},"snat":false}""";

    public static NetworkConfigList Parse(string json) => ConfigParser.ParseList(Encoding.UTF8.GetBytes(json));
}
