using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Configs;

/// <summary>
/// The configs used without <c>--config</c> (issue 5 "Configs without --config"). One generic config serves
/// bridge-, ptp-, macvlan- and ipvlan-style plugins, since plugins ignore keys they do not know: a bridge name, a
/// <c>master</c> that the fake host provides (a veth end: the target kernels have no dummy links), and host-local
/// IPAM on private ranges with a private <c>dataDir</c>. Dual-stack by default (issue 10): one range set per
/// family (10.99.0.0/24 and the ULA fd00:99::/64, gateways .1 and ::1), a default route per family, and a static
/// address per family for the IPAM role; <see cref="IpFamily"/> narrows it to one family.
/// </summary>
public static class DefaultNetworks
{
    public const string NetworkName = "cnitest";
    public const string BridgeName = "cnitest-br0";
    public const string MasterLink = "cnitest-m0";
    public const string Subnet = "10.99.0.0/24";
    public const string Gateway = "10.99.0.1";

    /// <summary>The IPv6 range (a unique local /64), its gateway and the static address, beside the IPv4 ones.</summary>
    public const string Subnet6 = "fd00:99::/64";
    public const string Gateway6 = "fd00:99::1";

    /// <summary>The second network of the built-in config (another name, subnet and bridge), for a second interface.</summary>
    public const string SecondNetworkName = "cnitest2";
    public const string SecondSubnet = "10.98.0.0/24";
    public const string SecondSubnet6 = "fd00:98::/64";
    public const string SecondBridgeName = "cnitest-br1";

    /// <summary>The address the IPAM role's config lists for static-style plugins.</summary>
    public const string StaticAddress = "10.99.0.250/24";

    /// <summary>The IPv6 address the IPAM role's config lists for static-style plugins.</summary>
    public const string StaticAddress6 = "fd00:99::250/64";

    /// <summary>The type given to the top level of an IPAM-role request: the IPAM plugin sees a delegating caller's config.</summary>
    public const string IpamCallerType = "cnitest-ipam-caller";

    /// <summary>
    /// A second network like <paramref name="network"/> (another name, subnet, bridge and route), as a runtime attaches a
    /// second network to a pod (Multus): the same network twice in one sandbox would make plugins collide on their
    /// own per-network state (a gateway route, a masquerade chain named after network and container).
    /// </summary>
    public static NetworkSpec Second(NetworkSpec network) => !network.IsBuiltIn ? network : network.Variant(SecondNetworkName, new Dictionary<string, string>
    {
        // A secondary network routes its own prefix, not a second default route (which would collide with the
        // first network's: a configuration conflict, not a plugin defect).
        ["0.0.0.0/0"] = "10.97.0.0/16",
        ["::/0"] = "fd00:97::/48",
        [Subnet] = SecondSubnet,
        [Subnet6] = SecondSubnet6,
        [Gateway] = "10.98.0.1",
        [Gateway6] = "fd00:98::1",
        [StaticAddress] = "10.98.0.250/24",
        [StaticAddress6] = "fd00:98::250/64",
        [BridgeName] = SecondBridgeName,
    });

    /// <summary>The built-in network of <paramref name="role"/> for the plugin at <paramref name="pluginPath"/>, with ranges of <paramref name="family"/>.</summary>
    public static NetworkSpec For(PluginRole role, string pluginPath, IReadOnlyList<string> searchPath, IpFamily family = IpFamily.Dual)
    {
        var type = Path.GetFileName(pluginPath);
        return role switch
        {
            PluginRole.Chained => new NetworkSpec
            {
                Name = NetworkName,
                Role = role,
                Members =
                [
                    new ChainMember("bridge", Partner("bridge", searchPath, "the chained role runs the plugin after a bridge"), BridgeConfig(family), false),
                    new ChainMember(type, pluginPath, new JsonObject
                    {
                        ["type"] = type,
                        ["capabilities"] = new JsonObject { ["portMappings"] = true, ["bandwidth"] = true },
                    }, true),
                ],
                MasterLinks = [MasterLink],
                IsBuiltIn = true,
                Source = "built-in chained config (bridge, then the plugin)",
            },
            PluginRole.Ipam => new NetworkSpec
            {
                Name = NetworkName,
                Role = role,
                Members =
                [
                    new ChainMember(type, pluginPath, new JsonObject
                    {
                        ["type"] = IpamCallerType,
                        ["ipam"] = new JsonObject
                        {
                            ["type"] = type,
                            ["dataDir"] = NetworkSpec.IpamDirMarker,
                            ["ranges"] = Ranges(family),
                            ["addresses"] = PerFamily(family,
                                new JsonObject { ["address"] = StaticAddress, ["gateway"] = Gateway },
                                new JsonObject { ["address"] = StaticAddress6, ["gateway"] = Gateway6 }),
                            ["routes"] = DefaultRoutes(family),
                        },
                    }, true),
                ],
                MasterLinks = [],
                IsBuiltIn = true,
                Source = "built-in IPAM config (ranges for host-local-style, addresses for static-style plugins)",
            },
            _ => new NetworkSpec
            {
                Name = NetworkName,
                Role = role,
                Members = [new ChainMember(type, pluginPath, InterfaceConfig(type, IpamFor(pluginPath), searchPath, family), true)],
                MasterLinks = [MasterLink],
                IsBuiltIn = true,
                Source = $"built-in interface config (bridge name, master link, {IpamFor(pluginPath)} IPAM)",
            },
        };
    }

    /// <summary>The bridge a chained plugin runs after: a gateway, no masquerading, host-local IPAM.</summary>
    private static JsonObject BridgeConfig(IpFamily family) => new()
    {
        ["type"] = "bridge",
        ["bridge"] = BridgeName,
        ["isGateway"] = true,
        ["ipMasq"] = false,
        ["ipam"] = HostLocal(family),
    };

    /// <summary>
    /// The IPAM of the interface role: host-local, or our host-local-compatible <c>cnitest-ipam</c> when it sits beside
    /// the plugin (our bridge's publish folder). Debian's host-local stops at 1.0.0, so only with our IPAM can GC and
    /// STATUS at 1.1.0 be judged for an interface plugin (issue 6).
    /// </summary>
    public static string IpamFor(string pluginPath) =>
        File.Exists(Path.Combine(Path.GetDirectoryName(pluginPath) ?? ".", OwnIpamType)) ? OwnIpamType : "host-local";

    /// <summary>Our IPAM plugin's binary name (plugins-under-test/CniTest.IpamPlugin).</summary>
    public const string OwnIpamType = "cnitest-ipam";

    private static JsonObject InterfaceConfig(string type, string ipamType, IReadOnlyList<string> searchPath, IpFamily family)
    {
        // The IPAM plugin must exist (exit 2 otherwise), but the interface plugin finds it on CNI_PATH itself.
        Partner(ipamType, searchPath, $"the interface role's config uses {ipamType} IPAM");
        return new JsonObject
        {
            ["type"] = type,
            ["bridge"] = BridgeName,
            ["isGateway"] = true,
            ["ipMasq"] = true,
            ["master"] = MasterLink,
            ["ipam"] = HostLocal(family, ipamType),
        };
    }

    private static JsonObject HostLocal(IpFamily family, string type = "host-local") => new()
    {
        ["type"] = type,
        ["dataDir"] = NetworkSpec.IpamDirMarker,
        ["ranges"] = Ranges(family),
        ["routes"] = DefaultRoutes(family),
    };

    /// <summary>One range set per family (host-local hands out one address from each set).</summary>
    private static JsonArray Ranges(IpFamily family) => PerFamily(family,
        new JsonArray(new JsonObject { ["subnet"] = Subnet }),
        new JsonArray(new JsonObject { ["subnet"] = Subnet6 }));

    /// <summary>A default route per family, through the gateway the IPAM result names.</summary>
    private static JsonArray DefaultRoutes(IpFamily family) => PerFamily(family,
        new JsonObject { ["dst"] = "0.0.0.0/0" },
        new JsonObject { ["dst"] = "::/0" });

    /// <summary>
    /// A one-address range set per family, for a second ADD that must fail on an exhausted pool: 10.99.0.0/30 (the
    /// gateway .1 aside, only .2 is free) and the IPv6 range narrowed to fd00:99::2.
    /// </summary>
    public static JsonArray ExhaustedRanges(IpFamily family) => PerFamily(family,
        new JsonArray(new JsonObject { ["subnet"] = "10.99.0.0/30" }),
        new JsonArray(new JsonObject { ["subnet"] = Subnet6, ["rangeStart"] = "fd00:99::2", ["rangeEnd"] = "fd00:99::2" }));

    private static JsonArray PerFamily(IpFamily family, JsonNode v4, JsonNode v6) =>
        family switch
        {
            IpFamily.Ipv4 => new JsonArray(v4),
            IpFamily.Ipv6 => new JsonArray(v6),
            _ => new JsonArray(v4, v6),
        };

    internal static string Partner(string type, IReadOnlyList<string> searchPath, string why)
    {
        if (PluginLocator.TryFind(type, searchPath, out var path))
        {
            return path!;
        }

        throw new EnvironmentProblemException(
            $"{why}, but no '{type}' plugin was found on {string.Join(':', searchPath)} (install containernetworking-plugins, or set CNI_PATH)");
    }
}
