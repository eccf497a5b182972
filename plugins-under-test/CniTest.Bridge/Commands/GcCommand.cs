using CniTest.Bridge.Config;
using CniTest.Bridge.Ipam;
using CniTest.Bridge.Masquerade;
using CniTest.Bridge.Network;
using CniTest.PluginSdk.Hosting;
using CniTest.Netlink;
using CniTest.Netlink.Rtnl;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;

namespace CniTest.Bridge.Commands;

/// <summary>
/// GC (P37-P40): remove what belongs to attachments of this network that are not in the valid list: host veths on
/// our bridge (recognised by their alias), masquerade rules (by their comment), and, through IPAM GC, address
/// reservations. Each part runs even if another failed; the errors are reported together.
/// </summary>
internal static class GcCommand
{
    public static void Run(CmdArgs args, BridgeConfig config, IIpam? ipam, IReadOnlyList<Attachment> validAttachments)
    {
        var valid = validAttachments.ToHashSet();
        var errors = new List<string>();
        Try(errors, () => RemoveStaleVeths(config, valid));
        if (config.IpMasq)
        {
            Try(errors, () => IpMasquerade.Collect(config.Name, valid.Select(a => a.ContainerId).ToHashSet()));
        }

        if (ipam is not null)
        {
            Try(errors, () => ipam.Gc(args));
        }

        if (errors.Count > 0)
        {
            throw new CniPluginException(CniErrorCodes.Internal, "GC failed", string.Join("; ", errors));
        }
    }

    private static void RemoveStaleVeths(BridgeConfig config, HashSet<Attachment> valid)
    {
        using var rtnl = new RtnlHandle();
        var bridge = rtnl.LinkFindByName(config.BridgeName);
        if (bridge is null)
        {
            return;
        }

        foreach (var link in rtnl.LinkList())
        {
            if (link.MasterIndex == bridge.Index && link.Kind == "veth"
                && AttachmentAlias.TryParse(link.Alias, config.Name, out var attachment) && !valid.Contains(attachment))
            {
                try
                {
                    rtnl.LinkDel(link.Index); // the container end goes with it
                }
                catch (LinkNotFoundException)
                {
                }
            }
        }
    }

    private static void Try(List<string> errors, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is CniPluginException or NetlinkException)
        {
            errors.Add(e is CniPluginException c ? c.ToString() : e.Message);
        }
    }
}
