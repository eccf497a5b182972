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
/// Deleting a veth blocks ~20 ms in the kernel (RTM_DELLINK waits for an RCU grace period), so IPAM DEL, usually an
/// exec, runs in parallel with it instead of after it. Except for <c>dhcp</c>: its daemon must send the DHCP
/// release while the interface still exists (plugins#791), so there IPAM DEL finishes first.
/// </remarks>
internal static class DelCommand
{
    private const string IpamNeedingTheInterface = "dhcp";

    public static void Run(CmdArgs args, BridgeConfig config, IIpam? ipam)
    {
        Task? ipamDel = null;
        if (ipam is not null)
        {
            ipamDel = config.IpamType == IpamNeedingTheInterface
                ? Completed(() => ipam.Del(args))
                : Task.Run(() => ipam.Del(args));
        }

        (bool V4, bool V6)? families = null;
        Exception? linkError = null;
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

        ipamDel?.GetAwaiter().GetResult();
        if (linkError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(linkError);
        }
    }

    /// <summary>Runs <paramref name="action"/> now; its exception surfaces when the task is awaited, like Task.Run's.</summary>
    private static Task Completed(Action action)
    {
        try
        {
            action();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }
}
