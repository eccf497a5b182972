using System.Net.Sockets;
using CniTest.Bridge.Config;
using CniTest.Netlink;
using CniTest.Netlink.Rtnl;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Results;
using CniTest.Netlink.Sysctl;

namespace CniTest.Bridge.Network;

/// <summary>The host-side bridge: created on first use, shared by every attachment of the network.</summary>
internal static class BridgeDevice
{
    /// <summary>
    /// Creates the bridge or adopts the existing one (Go ensureBridge). Concurrent ADDs race to create it: the loser
    /// gets EEXIST, which is success here (plugins#366); either way the link is re-read and must be a bridge.
    /// </summary>
    public static Link Ensure(RtnlHandle rtnl, BridgeConfig config, NetSysctlDirectory sysctls)
    {
        var existing = rtnl.LinkFindByName(config.BridgeName);
        if (existing is null)
        {
            try
            {
                rtnl.LinkAddBridge(config.BridgeName, config.Mtu);
            }
            catch (NetlinkException e) when (e.Errno == Errno.EEXIST)
            {
            }

            existing = rtnl.LinkGetByName(config.BridgeName);
        }

        if (existing.Kind != "bridge")
        {
            throw new CniPluginException(CniErrorCodes.Internal, $"\"{config.BridgeName}\" already exists but is not a bridge");
        }

        if (config.PromiscMode && !existing.IsPromiscuous)
        {
            rtnl.LinkSetPromisc(existing.Index, on: true);
        }

        // We own the routes on this interface: no router advertisements (as Go). Absent when IPv6 is disabled.
        TrySysctl(sysctls, $"ipv6/conf/{config.BridgeName}/accept_ra", "0");
        if (!existing.IsUp)
        {
            rtnl.LinkSetUp(existing.Index);
        }

        return existing;
    }

    /// <summary>
    /// Puts a gateway address on the bridge (Go ensureAddr). Present already: done. Another IPv4 address, or an
    /// overlapping IPv6 one: replaced with <c>forceAddress</c>, an error otherwise. EEXIST from a concurrent ADD
    /// adding the same address is success (plugins#366: "could not add IP address to cni0: file exists").
    /// </summary>
    public static void EnsureGatewayAddress(RtnlHandle rtnl, Link bridge, IpCidr gateway, bool forceAddress)
    {
        var family = IpMath.IsV4(gateway.Address) ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        foreach (var existing in rtnl.AddrList(bridge.Index, family))
        {
            if (existing.IP.Equals(gateway.Address) && existing.PrefixLength == gateway.PrefixLength)
            {
                return;
            }

            var existingCidr = new IpCidr(existing.IP, existing.PrefixLength);
            if (family == AddressFamily.InterNetwork || IpMath.Contains(existingCidr, gateway.Address) || IpMath.Contains(gateway, existing.IP))
            {
                if (!forceAddress)
                {
                    throw new CniPluginException(CniErrorCodes.Internal, $"\"{bridge.Name}\" already has an IP address different from {gateway}");
                }

                try
                {
                    rtnl.AddrDel(bridge.Index, existing.IP, existing.PrefixLength);
                }
                catch (NetlinkException e) when (e.Errno == Errno.EADDRNOTAVAIL)
                {
                }
            }
        }

        try
        {
            rtnl.AddrAdd(bridge.Index, gateway.Address, gateway.PrefixLength);
        }
        catch (NetlinkException e) when (e.Errno == Errno.EEXIST)
        {
        }

        // Pin the bridge MAC to its current value; otherwise it follows the lowest port MAC and changes as ports
        // come and go (Go does the same).
        if (bridge.HardwareAddress is { } mac)
        {
            rtnl.LinkSetHardwareAddress(bridge.Index, mac);
        }
    }

    /// <summary>Turns on forwarding for the families that have a gateway on the bridge (Go EnableIP4Forward/6).</summary>
    public static void EnableForwarding(NetSysctlDirectory sysctls, IEnumerable<IpCidr> gateways)
    {
        var list = gateways.ToList();
        if (list.Any(g => IpMath.IsV4(g.Address)))
        {
            sysctls.Ensure("ipv4/ip_forward", "1");
        }

        if (list.Any(g => !IpMath.IsV4(g.Address)))
        {
            sysctls.Ensure("ipv6/conf/all/forwarding", "1");
        }
    }

    /// <summary>
    /// Best-effort sysctl: IPv6 keys are missing when IPv6 is disabled, which is fine. <paramref name="onlyIfDifferent"/>
    /// reads first (for shared state like the bridge's keys); an interface we just created has the kernel defaults,
    /// so a plain write saves an open and a read.
    /// </summary>
    internal static void TrySysctl(NetSysctlDirectory sysctls, string name, string value, bool onlyIfDifferent = true)
    {
        try
        {
            if (onlyIfDifferent)
            {
                sysctls.Ensure(name, value);
            }
            else
            {
                sysctls.Write(name, value);
            }
        }
        catch (NetlinkException)
        {
        }
    }
}
