using System.Text.Json.Nodes;

namespace CniTest.Harness.Cache;

/// <summary>One result-cache entry in libcni's <c>cniCacheV1</c> shape (checklist §3.10, R37).</summary>
public sealed record CachedAttachment
{
    public required string ContainerId { get; init; }
    public required string IfName { get; init; }
    public required string NetworkName { get; init; }
    /// <summary>The network configuration list bytes (stored base64, as Go encodes <c>[]byte</c>).</summary>
    public required byte[] Config { get; init; }
    public string? Netns { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> CniArgs { get; init; } = [];
    public JsonObject? CapabilityArgs { get; init; }
    /// <summary>The final plugin's result as JSON, when there was one.</summary>
    public JsonObject? Result { get; init; }
}
