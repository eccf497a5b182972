using System.Net;
using System.Net.Sockets;
using CniTest.Netlink;
using CniTest.Netlink.Rtnl;
using CniTest.Netlink.Sysctl;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Network;

/// <summary>Container-side work; every method runs inside the container namespace (NetnsThread).</summary>
internal static class ContainerInterface
{
    private const uint IFA_F_TENTATIVE = 0x40;

    /// <summary>
    /// Addresses, link up, routes (Go ipam.ConfigureIface), after the same sysctls the Go bridge sets: no IPv6 DAD
    /// (so addresses are usable at once), arp_notify on, and IPv6 enabled on lo and the interface when an IPv6
    /// address is coming. A route without a gateway uses the first gateway of its family.
    /// </summary>
    public static void Configure(string ifName, CniResult result, int containerIndexInResult)
    {
        using var rtnl = new RtnlHandle();
        using var sysctls = NetSysctlDirectory.Open(); // one costly lookup per family, not per sysctl: see there
        var link = rtnl.LinkGetByName(ifName);
        BridgeDevice.TrySysctl(sysctls, $"ipv6/conf/{ifName}/accept_dad", "0", onlyIfDifferent: false);
        BridgeDevice.TrySysctl(sysctls, $"ipv4/conf/{ifName}/arp_notify", "1", onlyIfDifferent: false);

        IPAddress? v4Gateway = null, v6Gateway = null;
        var mine = result.Ips.Where(ip => ip.Interface == containerIndexInResult).ToList();
        if (mine.Any(ip => !IpMath.IsV4(ip.Address.Address)))
        {
            BridgeDevice.TrySysctl(sysctls, "ipv6/conf/lo/disable_ipv6", "0");
            BridgeDevice.TrySysctl(sysctls, $"ipv6/conf/{ifName}/disable_ipv6", "0");
        }

        foreach (var ip in mine)
        {
            try
            {
                rtnl.AddrAdd(link.Index, ip.Address.Address, ip.Address.PrefixLength);
            }
            catch (NetlinkException e)
            {
                throw new CniPluginException(CniErrorCodes.Internal, $"failed to add IP addr {ip.Address} to \"{ifName}\": {e.Message}");
            }

            if (ip.Gateway is { } gateway)
            {
                if (IpMath.IsV4(gateway))
                {
                    v4Gateway ??= gateway;
                }
                else
                {
                    v6Gateway ??= gateway;
                }
            }
        }

        rtnl.LinkSetUp(link.Index);
        if (v6Gateway is not null)
        {
            SettleAddresses(rtnl, link.Index);
        }

        foreach (var route in result.Routes)
        {
            var destination = IpMath.Normalize(route.Dst);
            var gateway = route.Gw ?? (IpMath.IsV4(destination.Address) ? v4Gateway : v6Gateway);
            try
            {
                // Scope universe unless given, as Go's netlink.Route{} (not iproute2's "link without a gateway").
                rtnl.RouteAdd(
                    new IPNetwork(IpMath.Network(destination.Address, destination.PrefixLength), destination.PrefixLength),
                    gateway,
                    link.Index,
                    (Scope)(route.Scope ?? 0),
                    route.Table,
                    route.Priority);
            }
            catch (NetlinkException e)
            {
                throw new CniPluginException(CniErrorCodes.Internal, $"failed to add route '{destination} via {gateway} dev {ifName}': {e.Message}");
            }
        }
    }

    /// <summary>Brings a layer-2-only interface up (no IPAM).</summary>
    public static void SetUp(string ifName)
    {
        using var rtnl = new RtnlHandle();
        rtnl.LinkSetUp(rtnl.LinkGetByName(ifName).Index);
    }

    /// <summary>
    /// Deletes the interface (the host end goes with it) and returns its address families, so DEL knows which
    /// masquerade tables to clean. A missing interface is success (P26).
    /// </summary>
    public static (bool V4, bool V6)? Delete(string ifName)
    {
        using var rtnl = new RtnlHandle();
        var link = rtnl.LinkFindByName(ifName);
        if (link is null)
        {
            return null;
        }

        var addresses = rtnl.AddrList(link.Index);
        try
        {
            rtnl.LinkDel(link.Index);
        }
        catch (LinkNotFoundException)
        {
        }

        return (addresses.Any(a => a.Family == AddressFamily.InterNetwork), addresses.Any(a => a.Family == AddressFamily.InterNetworkV6 && !a.IP.IsIPv6LinkLocal));
    }

    /// <summary>Waits (at most 10 s, as Go) until no IPv6 address on the link is still tentative (DAD running).</summary>
    private static void SettleAddresses(RtnlHandle rtnl, int index)
    {
        var deadline = Environment.TickCount64 + 10_000;
        while (rtnl.AddrList(index, AddressFamily.InterNetworkV6).Any(a => (a.Flags & IFA_F_TENTATIVE) != 0 && !a.IP.IsIPv6LinkLocal))
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new CniPluginException(CniErrorCodes.Internal, "IPv6 addresses did not settle (duplicate address detection still running after 10 s)");
            }

            Thread.Sleep(50);
        }
    }
}
