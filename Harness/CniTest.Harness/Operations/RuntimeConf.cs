using System.Text.Json.Nodes;

namespace CniTest.Harness.Operations;

/// <summary>The per-attachment parameters of one operation (Go's <c>libcni.RuntimeConf</c>).</summary>
/// <param name="ContainerId"><c>CNI_CONTAINERID</c>.</param>
/// <param name="Netns"><c>CNI_NETNS</c>; may be empty for DEL (P27).</param>
/// <param name="IfName"><c>CNI_IFNAME</c>.</param>
public sealed record RuntimeConf(string ContainerId, string? Netns, string IfName)
{
    /// <summary>CNI_ARGS pairs (R25).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Args { get; init; } = [];

    /// <summary>Capability arguments by capability name, copied into <c>runtimeConfig</c> (R24).</summary>
    public IReadOnlyDictionary<string, JsonNode?> CapabilityArgs { get; init; } = new Dictionary<string, JsonNode?>();
}

/// <summary>One attachment named in a GC request (SPEC 1.1 GC).</summary>
public sealed record Attachment(string ContainerId, string IfName);

/// <summary>GC arguments: the attachments that must survive (R34). A null GcArgs means "none are valid".</summary>
public sealed record GcArgs(IReadOnlyList<Attachment> ValidAttachments);
