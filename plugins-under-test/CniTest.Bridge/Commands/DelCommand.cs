using CniTest.Bridge.Config;
using CniTest.Bridge.Ipam;
using CniTest.Bridge.Masquerade;
using CniTest.Bridge.Network;
using CniTest.PluginSdk.Hosting;
using CniTest.Netlink.Namespaces;

namespace CniTest.Bridge.Commands;

/// <summary>
/// DEL, idempotent (P26, P27): a missing netns, a missing interface and a repeated DEL are all success. IPAM DEL
/// runs first, while the interface still exists (a DHCP IPAM needs it to send its release: plugins#791), and the
/// rest is removed even if IPAM failed (remove as much as possible), the IPAM error being reported at the end.
/// Masquerade rules are found by their comment, so they go even when CNI_NETNS is empty (PEERS nerdctl#1872).
/// </summary>
internal static class DelCommand
{
    public static void Run(CmdArgs args, BridgeConfig config, IIpam? ipam)
    {
        Exception? ipamError = null;
        if (ipam is not null)
        {
            try
            {
                ipam.Del(args);
            }
            catch (Exception e)
            {
                ipamError = e;
            }
        }

        (bool V4, bool V6)? families = null;
        if (args.Netns.Length > 0)
        {
            try
            {
                families = NetnsThread.Run(args.Netns, () => ContainerInterface.Delete(args.IfName));
            }
            catch (NetnsNotFoundException)
            {
                // The container and everything in its namespace are gone already.
            }
        }

        if (config.IpMasq && ipam is not null)
        {
            // Without the interface we cannot tell which families had rules: look in both.
            var (v4, v6) = families ?? (true, true);
            IpMasquerade.Teardown(config.Name, args.ContainerId, v4, v6);
        }

        if (ipamError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ipamError);
        }
    }
}
