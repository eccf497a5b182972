using CniTest.Ipam.Net;
using CniTest.PluginSdk.Conventions;

namespace CniTest.Ipam.Store;

/// <summary>
/// One reservation file <c>&lt;dataDir&gt;/&lt;network&gt;/&lt;ip&gt;</c> whose content is <c>&lt;containerId&gt;\r\n&lt;ifname&gt;</c>
/// (host-local's disk backend; observed byte-exact with Debian's 1.1.1). Very old host-local wrote only the
/// container id: <see cref="IfName"/> is then null.
/// </summary>
internal readonly record struct Reservation(IpValue Ip, string ContainerId, string? IfName)
{
    /// <summary>host-local's separator between container id and ifname.</summary>
    public const string LineBreak = "\r\n";

    /// <summary>The file content for an attachment (the id trimmed, as Go's <c>strings.TrimSpace(id)</c>).</summary>
    public static string Content(Attachment attachment) => attachment.ContainerId.Trim() + LineBreak + attachment.IfName;

    /// <summary>Parses a file's content; tolerates a bare <c>\n</c> separator and surrounding whitespace.</summary>
    public static Reservation Parse(IpValue ip, string content)
    {
        var text = content.Trim();
        var newline = text.IndexOf('\n');
        return newline < 0
            ? new Reservation(ip, text, null)
            : new Reservation(ip, text[..newline].TrimEnd('\r'), text[(newline + 1)..]);
    }

    /// <summary>True when this reservation belongs to <paramref name="attachment"/> (legacy files never match here).</summary>
    public bool Matches(Attachment attachment) => ContainerId == attachment.ContainerId.Trim() && IfName == attachment.IfName;

    /// <summary>The attachment this reservation belongs to; legacy files have an empty ifname.</summary>
    public Attachment Attachment => new(ContainerId, IfName ?? "");
}
