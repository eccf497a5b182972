using System.Text.Json.Nodes;

namespace CniTest.Harness.Cache;

/// <summary>One result-cache entry in libcni's <c>cniCacheV1</c> shape (checklist §3.10, R37).</summary>
public sealed record CachedAttachment
{
    /// <summary><c>containerId</c> (lower-case d, as Go writes it): the <c>CNI_CONTAINERID</c> of the ADD.</summary>
    public required string ContainerId { get; init; }

    /// <summary><c>ifName</c>: the <c>CNI_IFNAME</c> of the ADD.</summary>
    public required string IfName { get; init; }

    /// <summary><c>networkName</c>: the list's name. Listing trusts this, not the ambiguous file name (R39).</summary>
    public required string NetworkName { get; init; }

    /// <summary>The network configuration list bytes (stored base64, as Go encodes <c>[]byte</c>).</summary>
    public required byte[] Config { get; init; }

    /// <summary><c>netns</c>: the <c>CNI_NETNS</c> of the ADD; omitted when empty (R37).</summary>
    public string? Netns { get; init; }

    /// <summary><c>cniArgs</c>: the <c>CNI_ARGS</c> pairs of the ADD in order; omitted when empty (R37).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CniArgs { get; init; } = [];

    /// <summary><c>capabilityArgs</c>: the capability arguments of the ADD (R24); omitted when empty (R37).</summary>
    public JsonObject? CapabilityArgs { get; init; }

    /// <summary>The final plugin's result as JSON, when there was one.</summary>
    public JsonObject? Result { get; init; }
}
