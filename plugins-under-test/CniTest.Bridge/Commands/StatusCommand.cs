using CniTest.Bridge.Config;
using CniTest.Bridge.Ipam;
using CniTest.PluginSdk.Hosting;
using CniTest.Netlink.Rtnl;
using CniTest.PluginSdk.Errors;

namespace CniTest.Bridge.Commands;

/// <summary>
/// STATUS (P44-P46): ready when an ADD could succeed. Not ready (code 50) when the bridge name is taken by a link
/// that is not a bridge, which would make every ADD fail; then IPAM STATUS, whose error is passed on as is.
/// </summary>
internal static class StatusCommand
{
    public static void Run(CmdArgs args, BridgeConfig config, IIpam? ipam)
    {
        using (var rtnl = new RtnlHandle())
        {
            if (rtnl.LinkFindByName(config.BridgeName) is { Kind: not "bridge" } link)
            {
                throw new CniPluginException(
                    CniErrorCodes.PluginNotAvailable,
                    $"\"{config.BridgeName}\" exists but is not a bridge",
                    $"link kind \"{link.Kind ?? "none"}\"");
            }
        }

        ipam?.Status(args);
    }
}
