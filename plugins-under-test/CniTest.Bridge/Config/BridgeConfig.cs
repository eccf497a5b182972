using System.Net.NetworkInformation;
using System.Text.Json.Nodes;

namespace CniTest.Bridge.Config;

/// <summary>
/// The bridge plugin's configuration, with the Go bridge's keys and meanings (plugins/main/bridge NetConf).
/// </summary>
internal sealed record BridgeConfig
{
    /// <summary>The default bridge name, as in Go.</summary>
    public const string DefaultBridgeName = "cni0";

    /// <summary><c>name</c>: the network name (used in ipMasq chain names and comments).</summary>
    public required string Name { get; init; }

    /// <summary><c>bridge</c>.</summary>
    public string BridgeName { get; init; } = DefaultBridgeName;

    /// <summary><c>isGateway</c> (implied by <c>isDefaultGateway</c>): give the bridge the gateway address.</summary>
    public bool IsGateway { get; init; }

    /// <summary><c>isDefaultGateway</c>: also route 0.0.0.0/0 (::/0) via the gateway in the container.</summary>
    public bool IsDefaultGateway { get; init; }

    /// <summary><c>forceAddress</c>: replace a different gateway address already on the bridge.</summary>
    public bool ForceAddress { get; init; }

    /// <summary><c>ipMasq</c>: masquerade traffic leaving the subnet (iptables, the only exec besides IPAM).</summary>
    public bool IpMasq { get; init; }

    /// <summary><c>mtu</c>; null: the kernel default.</summary>
    public int? Mtu { get; init; }

    /// <summary><c>hairpinMode</c> on the host veth.</summary>
    public bool HairpinMode { get; init; }

    /// <summary><c>promiscMode</c> on the bridge.</summary>
    public bool PromiscMode { get; init; }

    /// <summary>
    /// The container MAC: <c>runtimeConfig.mac</c>, else <c>args.cni.mac</c>, else CNI_ARGS <c>MAC</c> (Go's order;
    /// args over CNI_ARGS is the convention P50).
    /// </summary>
    public PhysicalAddress? Mac { get; init; }

    /// <summary><c>ipam</c> as given; null without IPAM (layer 2 only).</summary>
    public JsonObject? Ipam { get; init; }

    /// <summary><c>ipam.type</c>; null without IPAM.</summary>
    public string? IpamType { get; init; }

    /// <summary><c>prevResult</c> (CHECK).</summary>
    public JsonObject? PrevResult { get; init; }
}
