using CniTest.Scenarios.Sandbox;

namespace CniTest.Plugins.Tests.Bridge.Support;

/// <summary>Single network configurations for the lifecycle tests; all state stays in the fake host's private dirs.</summary>
public static class BridgeConfs
{
    public const string BridgeName = "cnitest0";
    public const string Subnet = "10.250.0.0/24";
    public const string Gateway = "10.250.0.1";

    /// <summary>The IPv6 range of the dual-stack configurations (a unique local /64) and its gateway.</summary>
    public const string Subnet6 = "fd00:250::/64";
    public const string Gateway6 = "fd00:250::1";

    /// <summary>The bridge with host-local (Debian's, versions 0.1.0 … 1.0.0) as its IPAM.</summary>
    public static string HostLocal(FakeHost host, string version, string type = "cnitest-bridge", string extra = "") =>
        $$$"""
        {"cniVersion":"{{{version}}}","name":"brnet","type":"{{{type}}}","bridge":"{{{BridgeName}}}","isGateway":true,{{{extra}}}
         "ipam":{"type":"host-local","dataDir":"{{{host.IpamDir}}}","ranges":[[{"subnet":"{{{Subnet}}}"}]]}}
        """;

    /// <summary>The bridge with our own IPAM (every version; the bridge calls it in-process).</summary>
    public static string OwnIpam(FakeHost host, string version, string extra = "") =>
        $$$"""
        {"cniVersion":"{{{version}}}","name":"brnet","type":"cnitest-bridge","bridge":"{{{BridgeName}}}","isGateway":true,{{{extra}}}
         "ipam":{"type":"cnitest-ipam","dataDir":"{{{host.IpamDir}}}","ranges":[[{"subnet":"{{{Subnet}}}"}]]}}
        """;

    /// <summary>
    /// Dual stack: an IPv4 and an IPv6 range set and a default route per family, with <paramref name="ipam"/> (Debian's
    /// host-local, versions 0.1.0 … 1.0.0, or our cnitest-ipam, every version) and <paramref name="type"/> as the bridge.
    /// </summary>
    public static string DualStack(FakeHost host, string version, string ipam = "cnitest-ipam", string type = "cnitest-bridge", string extra = "") =>
        $$$"""
        {"cniVersion":"{{{version}}}","name":"brnet","type":"{{{type}}}","bridge":"{{{BridgeName}}}","isGateway":true,{{{extra}}}
         "ipam":{"type":"{{{ipam}}}","dataDir":"{{{host.IpamDir}}}","ranges":[[{"subnet":"{{{Subnet}}}"}],[{"subnet":"{{{Subnet6}}}"}]],
                 "routes":[{"dst":"0.0.0.0/0"},{"dst":"::/0"}]}}
        """;

    /// <summary>
    /// The bridge with the scriptable fake plugin as IPAM: Debian's host-local refuses 1.1.0 configurations, and GC
    /// and STATUS forwarding are observed through the fake's call log. The fake hands out 10.99.0.2/24 via 10.99.0.1.
    /// </summary>
    public static string FakeIpam(string version = "1.1.0", string extra = "") =>
        $$$"""
        {"cniVersion":"{{{version}}}","name":"brnet","type":"cnitest-bridge","bridge":"{{{BridgeName}}}","isGateway":true,{{{extra}}}
         "ipam":{"type":"fake-ipam"}}
        """;
}
