using CniTest.Bridge.Config;
using CniTest.Bridge.Ipam;
using CniTest.Bridge.Masquerade;
using CniTest.Bridge.Network;
using CniTest.Netlink.Namespaces;
using CniTest.PluginSdk.Hosting;

namespace CniTest.Bridge.Commands;

/// <summary>
/// DEL, idempotent (P26, P27): a missing netns, a missing interface and a repeated DEL are all success. Everything
/// is removed even if one part fails (remove as much as possible), and the first error is reported at the end.
/// Masquerade rules are found by their comment, so they go even when CNI_NETNS is empty (PEERS nerdctl#1872).
/// </summary>
/// <remarks>
/// Deleting a veth blocks ~20 ms in the kernel (RTM_DELLINK waits for RCU grace periods), so IPAM DEL runs on this
/// thread while the namespace thread deletes the link, instead of after it (and without the thread pool, whose
/// worker and gate threads cost more to start than IPAM DEL takes). Except for <c>dhcp</c>: its daemon must send
/// the DHCP release while the interface still exists (plugins#791), so there IPAM DEL finishes first.
/// </remarks>
internal static class DelCommand
{
    private const string IpamNeedingTheInterface = "dhcp";

    public static void Run(CmdArgs args, BridgeConfig config, IIpam? ipam)
    {
        Exception? ipamError = null;
        if (ipam is not null && config.IpamType == IpamNeedingTheInterface)
        {
            ipamError = Capture(() => ipam.Del(args));
        }

        NetnsThread.Pending<(bool V4, bool V6)?>? linkDelete = null;
        Exception? linkError = null;
        if (args.Netns.Length > 0)
        {
            try
            {
                linkDelete = NetnsThread.Start(args.Netns, () => ContainerInterface.Delete(args.IfName));
            }
            catch (NetnsNotFoundException)
            {
                // The container and everything in its namespace are gone already.
            }
            catch (Exception e)
            {
                linkError = e;
            }
        }

        if (ipam is not null && config.IpamType != IpamNeedingTheInterface)
        {
            ipamError = Capture(() => ipam.Del(args));
        }

        (bool V4, bool V6)? families = null;
        if (linkDelete is not null)
        {
            try
            {
                families = linkDelete.Join();
            }
            catch (Exception e)
            {
                linkError = e;
            }
        }

        if (config.IpMasq && ipam is not null)
        {
            // Without the interface we cannot tell which families had rules: look in both.
            var (v4, v6) = families ?? (true, true);
            IpMasquerade.Teardown(config.Name, args.ContainerId, v4, v6);
        }

        if ((ipamError ?? linkError) is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>Runs <paramref name="action"/>; its exception is reported after everything else was attempted.</summary>
    private static Exception? Capture(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
