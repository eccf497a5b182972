using System.Net.NetworkInformation;
using System.Text.Json.Nodes;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Json;

namespace CniTest.Bridge.Config;

/// <summary>Reads <see cref="BridgeConfig"/> from stdin JSON; wrong types name the key and value (P4), code 7.</summary>
internal static class BridgeConfigParser
{
    /// <summary>The CNI_ARGS keys the bridge understands (Go's MacEnvArgs); others need IgnoreUnknown (P49).</summary>
    public static readonly IReadOnlyCollection<string> CniArgsKeys = ["MAC"];

    public static BridgeConfig Parse(JsonObject config, CniArgs cniArgs)
    {
        var bridgeName = ConfigReader.String(config, "bridge", "bridge");
        if (bridgeName is { Length: > 0 } && !IsInterfaceName(bridgeName))
        {
            throw ConfigReader.Invalid("bridge", config["bridge"], "an interface name (1-15 bytes, no '/', ':' or whitespace)");
        }

        var hairpin = ConfigReader.Bool(config, "hairpinMode", "hairpinMode") ?? false;
        var promisc = ConfigReader.Bool(config, "promiscMode", "promiscMode") ?? false;
        if (hairpin && promisc)
        {
            throw new CniPluginException(CniErrorCodes.InvalidNetworkConfig, "cannot set hairpin mode and promiscuous mode at the same time");
        }

        RejectUnsupported(config);
        var isDefaultGateway = ConfigReader.Bool(config, "isDefaultGateway", "isDefaultGateway") ?? false;
        var ipam = ConfigReader.Object(config, "ipam", "ipam");
        var ipamType = ipam is null ? null : ConfigReader.String(ipam, "type", "ipam.type");
        var mtu = ConfigReader.UInt(config, "mtu", "mtu");
        return new BridgeConfig
        {
            Name = ConfigReader.String(config, "name", "name") ?? "",
            BridgeName = string.IsNullOrEmpty(bridgeName) ? BridgeConfig.DefaultBridgeName : bridgeName,
            IsDefaultGateway = isDefaultGateway,
            IsGateway = isDefaultGateway || (ConfigReader.Bool(config, "isGateway", "isGateway") ?? false),
            ForceAddress = ConfigReader.Bool(config, "forceAddress", "forceAddress") ?? false,
            IpMasq = ConfigReader.Bool(config, "ipMasq", "ipMasq") ?? false,
            Mtu = mtu is null or 0 ? null : checked((int)mtu.Value),
            HairpinMode = hairpin,
            PromiscMode = promisc,
            Mac = ReadMac(config, cniArgs),
            Ipam = ipam,
            IpamType = string.IsNullOrEmpty(ipamType) ? null : ipamType,
            PrevResult = ConfigReader.Object(config, "prevResult", "prevResult"),
        };
    }

    /// <summary>
    /// VLAN tagging needs CONFIG_BRIDGE_VLAN_FILTERING, which kernels of this project's kind lack (the kernel answers
    /// EOPNOTSUPP), and macspoofchk is not implemented; saying so (code 2, key and value: P4) beats silently not
    /// doing what was asked.
    /// </summary>
    private static void RejectUnsupported(JsonObject config)
    {
        if (ConfigReader.UInt(config, "vlan", "vlan") is { } vlan and not 0)
        {
            throw new CniPluginException(CniErrorCodes.UnsupportedField, $"unsupported field \"vlan\": {vlan} (VLAN tagging is not implemented)");
        }

        if (ConfigReader.Array(config, "vlanTrunk", "vlanTrunk") is { Count: > 0 } trunk)
        {
            throw new CniPluginException(CniErrorCodes.UnsupportedField, $"unsupported field \"vlanTrunk\": {trunk.ToJsonString()} (VLAN tagging is not implemented)");
        }

        if (ConfigReader.Bool(config, "macspoofchk", "macspoofchk") == true)
        {
            throw new CniPluginException(CniErrorCodes.UnsupportedField, "unsupported field \"macspoofchk\": true (MAC spoof checking is not implemented)");
        }
    }

    private static PhysicalAddress? ReadMac(JsonObject config, CniArgs cniArgs)
    {
        var fromRuntime = ConfigReader.Object(config, "runtimeConfig", "runtimeConfig") is { } runtime
            ? ConfigReader.String(runtime, "mac", "runtimeConfig.mac")
            : null;
        var fromArgs = ConfigReader.Object(config, "args", "args") is { } args && ConfigReader.Object(args, "cni", "args.cni") is { } cni
            ? ConfigReader.String(cni, "mac", "args.cni.mac")
            : null;
        var text = NonEmpty(fromRuntime) ?? NonEmpty(fromArgs) ?? NonEmpty(cniArgs["MAC"]);
        if (text is null)
        {
            return null;
        }

        // Go accepts 02:42:ac:11:00:02; .NET wants dashes or nothing.
        if (!PhysicalAddress.TryParse(text.Replace(':', '-'), out var mac) || mac.GetAddressBytes().Length != 6)
        {
            throw new CniPluginException(CniErrorCodes.InvalidNetworkConfig, $"invalid MAC address \"{text}\"");
        }

        return mac;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool IsInterfaceName(string name) =>
        System.Text.Encoding.UTF8.GetByteCount(name) <= 15 && name is not ("." or "..") && !name.Any(c => c is '/' or ':' || char.IsWhiteSpace(c));
}
