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

/// <summary>One attachment named in a GC request (SPEC 1.1 GC; Go's <c>types.GCAttachment</c>).</summary>
/// <param name="ContainerId">The attachment's <c>CNI_CONTAINERID</c>.</param>
/// <param name="IfName">The attachment's <c>CNI_IFNAME</c>.</param>
public sealed record GcAttachment(string ContainerId, string IfName);

/// <summary>GC arguments: the attachments that must survive (R34). A null GcArgs means "none are valid".</summary>
/// <param name="ValidAttachments">The attachments plugins must keep.</param>
public sealed record GcArgs(IReadOnlyList<GcAttachment> ValidAttachments)
{
    /// <summary>
    /// Which spellings of the list the request carries. Runtimes send both (cni#1101); a conformance harness also
    /// sends each alone, since plugins must accept either (checklist errata "GC key", P42).
    /// </summary>
    public GcListKeys Keys { get; init; } = GcListKeys.Both;
}

/// <summary>The keys a GC request names its attachment list under (checklist errata "GC key").</summary>
public enum GcListKeys
{
    /// <summary><c>cni.dev/valid-attachments</c> and <c>cni.dev/attachments</c>, as runtimes send it.</summary>
    Both,

    /// <summary>Only <c>cni.dev/valid-attachments</c> (the key on spec main, the one Go's types read).</summary>
    ValidAttachmentsOnly,

    /// <summary>Only <c>cni.dev/attachments</c> (the key of the tagged 1.1.0 text).</summary>
    AttachmentsOnly,
}
