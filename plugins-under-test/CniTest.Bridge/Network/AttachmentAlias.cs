using CniTest.PluginSdk.Conventions;

namespace CniTest.Bridge.Network;

/// <summary>
/// The label written on each host veth (IFLA_IFALIAS): "cni NETWORK/CONTAINERID/IFNAME". Go names host veths at
/// random and cannot tell later whose they are; the alias is what lets GC find the veths of attachments that are
/// no longer valid. None of the three parts can contain '/' (SPEC §2 name rules, checked by the host).
/// </summary>
internal static class AttachmentAlias
{
    private const string Prefix = "cni ";
    private const int MaxLength = 255; // IFALIASZ - 1

    /// <summary>The alias, or null when it would be too long for the kernel (the veth is then not GC-able).</summary>
    public static string? Format(string network, Attachment attachment)
    {
        var alias = $"{Prefix}{network}/{attachment.ContainerId}/{attachment.IfName}";
        return System.Text.Encoding.UTF8.GetByteCount(alias) <= MaxLength ? alias : null;
    }

    /// <summary>Reads an alias back; false for links that are not ours or belong to another network.</summary>
    public static bool TryParse(string? alias, string network, out Attachment attachment)
    {
        attachment = default;
        if (alias is null || !alias.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = alias[Prefix.Length..].Split('/');
        if (parts.Length != 3 || parts[0] != network)
        {
            return false;
        }

        attachment = new Attachment(parts[1], parts[2]);
        return true;
    }
}
