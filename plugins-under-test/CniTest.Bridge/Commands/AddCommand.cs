using CniTest.Bridge.Config;
using CniTest.PluginSdk.Conventions;
using CniTest.Bridge.Ipam;
using CniTest.Bridge.Masquerade;
using CniTest.Bridge.Network;
using CniTest.PluginSdk.Hosting;
using CniTest.Netlink;
using CniTest.Netlink.Namespaces;
using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Sysctl;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Commands;

/// <summary>
/// ADD: bridge, veth pair, IPAM, container addresses and routes, gateway on the bridge, masquerading (Go bridge
/// cmdAdd, same order of effects). The IPAM call runs in parallel with the host-side link work once the veth pair
/// exists, since it is usually an exec.
/// If anything fails after IPAM allocated, IPAM DEL releases it (SPEC §4, P23) and the veth pair we created is
/// removed, so a failed ADD leaks nothing.
/// </summary>
internal static class AddCommand
{
    public static CniResult Run(CmdArgs args, BridgeConfig config, IIpam? ipam)
    {
        using var containerNetns = OpenContainerNetns(args.Netns);
        using var hostNetns = NetnsHandle.OpenCurrent();
        IpamAdd? ipamAdd = null;
        string? hostVethName = null;
        using var rtnl = new RtnlHandle();
        using var hostSysctls = NetSysctlDirectory.Open(); // one costly lookup per family, not per sysctl: see there
        try
        {
            var bridge = BridgeDevice.Ensure(rtnl, config, hostSysctls);
            var veth = NetnsThread.Run(containerNetns, () => VethPair.CreateInContainer(args.IfName, config.Mtu, config.Mac, hostNetns));
            hostVethName = veth.HostName;

            // Only now: had the interface name been taken (P19), an IPAM ADD + rollback DEL for the same container
            // ID and ifname would have released the reservation of the attachment that already exists.
            // An exec'd IPAM overlaps the host-side work; an in-process one is quicker than starting a thread.
            ipamAdd = ipam is null ? null : IpamAdd.Begin(ipam, args, hostNetns);
            var hostVeth = AttachHostVeth(rtnl, hostSysctls, config, args, bridge, veth.HostName);

            var result = new CniResult();
            var bridgeAddresses = (IReadOnlyList<IpCidr>)[];
            if (ipamAdd is not null)
            {
                var ipamResult = ipamAdd.Wait();
                if (ipamResult.Ips.Count == 0)
                {
                    throw new CniPluginException(CniErrorCodes.Internal, "IPAM plugin returned missing IP config");
                }

                var plan = GatewayPlan.From(ipamResult, config);
                result = plan.Result;
                bridgeAddresses = plan.BridgeAddresses;
            }

            var interfaces = new List<CniInterface>
            {
                new(config.BridgeName),
                new(hostVeth.Name) { Mac = Mac(hostVeth) },
                new(args.IfName) { Mac = Mac(veth.Container), Sandbox = args.Netns },
            };
            result = result with { Interfaces = interfaces };

            NetnsThread.Run(containerNetns, () =>
            {
                if (ipamAdd is null)
                {
                    ContainerInterface.SetUp(args.IfName);
                }
                else
                {
                    ContainerInterface.Configure(args.IfName, result, GatewayPlan.ContainerInterfaceIndex);
                }
            });

            if (config.IsGateway && bridgeAddresses.Count > 0)
            {
                foreach (var gateway in bridgeAddresses)
                {
                    BridgeDevice.EnsureGatewayAddress(rtnl, bridge, gateway, config.ForceAddress);
                }

                BridgeDevice.EnableForwarding(hostSysctls, bridgeAddresses);
            }

            if (config.IpMasq && result.Ips.Count > 0)
            {
                IpMasquerade.Setup(config.Name, args.ContainerId, result.Ips.Select(ip => ip.Address));
            }

            // Re-read: the bridge MAC is only final once the first port joined (and we pinned it).
            interfaces[0] = new CniInterface(config.BridgeName) { Mac = Mac(rtnl.LinkGetByIndex(bridge.Index)) };
            return result with { Interfaces = interfaces };
        }
        catch
        {
            Undo(rtnl, hostVethName, ipamAdd, ipam, args);
            throw;
        }
    }

    private static NetnsHandle OpenContainerNetns(string path)
    {
        try
        {
            return NetnsHandle.Open(path);
        }
        catch (NetlinkException e)
        {
            throw new CniPluginException(CniErrorCodes.Internal, $"failed to open netns \"{path}\": {e.Message}");
        }
    }

    /// <summary>
    /// Host end: no router advertisements, enslaved, labelled for GC, hairpin if asked, up. Enslaving and the label go
    /// in one request while the port is still down (as <c>ip link set … master … alias …</c>), "up" in a second: an
    /// alias set on an up port without carrier makes IPv6 walk the host namespace's whole FIB, which grows with every
    /// attachment (issue 14; one round trip is far cheaper). Hairpin needs the port enslaved first.
    /// The MAC of the first read stays valid: neither enslaving nor "up" changes it.
    /// </summary>
    private static Link AttachHostVeth(RtnlHandle rtnl, NetSysctlDirectory hostSysctls, BridgeConfig config, CmdArgs args, Link bridge, string hostName)
    {
        var hostVeth = rtnl.LinkGetByName(hostName);
        BridgeDevice.TrySysctl(hostSysctls, $"ipv6/conf/{hostName}/accept_ra", "0", onlyIfDifferent: false);
        var alias = AttachmentAlias.Format(config.Name, new Attachment(args.ContainerId, args.IfName));
        if (alias is null)
        {
            rtnl.LinkSetMaster(hostVeth.Index, bridge.Index);
        }
        else
        {
            rtnl.LinkSetMasterAlias(hostVeth.Index, bridge.Index, alias);
        }

        if (config.HairpinMode)
        {
            rtnl.LinkSetBridgePortHairpin(hostVeth.Index, on: true);
        }

        rtnl.LinkSetUp(hostVeth.Index);
        return hostVeth;
    }

    /// <summary>Best-effort rollback; the original failure is what the runtime sees.</summary>
    private static void Undo(RtnlHandle rtnl, string? hostVethName, IpamAdd? ipamAdd, IIpam? ipam, CmdArgs args)
    {
        if (hostVethName is not null)
        {
            try
            {
                if (rtnl.LinkFindByName(hostVethName) is { } link)
                {
                    rtnl.LinkDel(link.Index);
                }
            }
            catch (NetlinkException)
            {
            }
        }

        if (ipamAdd is null || ipam is null)
        {
            return;
        }

        try
        {
            ipamAdd.Wait();
        }
        catch (Exception)
        {
            return; // IPAM ADD itself failed: nothing was allocated that we know of
        }

        try
        {
            ipam.Del(args);
        }
        catch (Exception)
        {
        }
    }

    private static string? Mac(Link link) => link.HardwareAddress is { } mac
        ? string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))
        : null;

    /// <summary>
    /// IPAM ADD, started once the veth exists. In-process it runs at once (its exceptions propagate directly, nothing
    /// was allocated); exec'd it runs on a thread in the host namespace (the child inherits that thread's namespace)
    /// while this thread does the host-side link work. <see cref="Wait"/> may be called more than once.
    /// </summary>
    private sealed class IpamAdd
    {
        private NetnsThread.Pending<CniResult>? _pending;
        private CniResult? _result;
        private Exception? _error;

        public static IpamAdd Begin(IIpam ipam, CmdArgs args, NetnsHandle hostNetns) => ipam is InProcessIpam
            ? new IpamAdd { _result = ipam.Add(args) }
            : new IpamAdd { _pending = NetnsThread.Start(hostNetns, () => ipam.Add(args)) };

        public CniResult Wait()
        {
            if (_pending is { } pending)
            {
                _pending = null;
                try
                {
                    _result = pending.Join();
                }
                catch (Exception e)
                {
                    _error = e;
                }
            }

            if (_error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
            }

            return _result!;
        }
    }
}
