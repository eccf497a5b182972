using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Configs;

/// <summary>
/// The configs used without <c>--config</c> (issue 5 "Configs without --config"). One generic config serves
/// bridge-, ptp-, macvlan- and ipvlan-style plugins, since plugins ignore keys they do not know: a bridge name, a
/// <c>master</c> that the fake host provides (a veth end: the target kernels have no dummy links), and host-local
/// IPAM on a private range with a private <c>dataDir</c>.
/// </summary>
public static class DefaultNetworks
{
    public const string NetworkName = "cnitest";
    public const string BridgeName = "cnitest-br0";
    public const string MasterLink = "cnitest-m0";
    public const string Subnet = "10.99.0.0/24";
    public const string Gateway = "10.99.0.1";

    /// <summary>The second network of the built-in config (another name, subnet and bridge), for a second interface.</summary>
    public const string SecondNetworkName = "cnitest2";
    public const string SecondSubnet = "10.98.0.0/24";
    public const string SecondBridgeName = "cnitest-br1";

    /// <summary>The address the IPAM role's config lists for static-style plugins.</summary>
    public const string StaticAddress = "10.99.0.250/24";

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
        [Subnet] = SecondSubnet,
        [Gateway] = "10.98.0.1",
        [StaticAddress] = "10.98.0.250/24",
        [BridgeName] = SecondBridgeName,
    });

    public static NetworkSpec For(PluginRole role, string pluginPath, IReadOnlyList<string> searchPath)
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
                    new ChainMember("bridge", Partner("bridge", searchPath, "the chained role runs the plugin after a bridge"), BridgeConfig(), false),
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
                            ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = Subnet })),
                            ["addresses"] = new JsonArray(new JsonObject { ["address"] = StaticAddress, ["gateway"] = Gateway }),
                            ["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" }),
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
                Members = [new ChainMember(type, pluginPath, InterfaceConfig(type, IpamFor(pluginPath), searchPath), true)],
                MasterLinks = [MasterLink],
                IsBuiltIn = true,
                Source = $"built-in interface config (bridge name, master link, {IpamFor(pluginPath)} IPAM)",
            },
        };
    }

    /// <summary>The bridge a chained plugin runs after: a gateway, no masquerading, host-local IPAM.</summary>
    private static JsonObject BridgeConfig() => new()
    {
        ["type"] = "bridge",
        ["bridge"] = BridgeName,
        ["isGateway"] = true,
        ["ipMasq"] = false,
        ["ipam"] = HostLocal(),
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

    private static JsonObject InterfaceConfig(string type, string ipamType, IReadOnlyList<string> searchPath)
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
            ["ipam"] = HostLocal(ipamType),
        };
    }

    private static JsonObject HostLocal(string type = "host-local") => new()
    {
        ["type"] = type,
        ["dataDir"] = NetworkSpec.IpamDirMarker,
        ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = Subnet })),
        ["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" }),
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
