using System.Net;
using CniTest.Netlink.Wire;
using static CniTest.Netlink.Wire.NetlinkConstants;
using static CniTest.Netlink.Wire.RouteConstants;

namespace CniTest.Netlink.Rtnl;

/// <summary>Builds RTM_*ROUTE requests as iproute2 does (see <see cref="LinkRequests"/>).</summary>
internal static class RouteRequests
{
    /// <summary>
    /// <c>ip route add|replace DST [via GW] dev DEV [scope S] [table T] [metric M]</c>. Without a scope, iproute2's
    /// rule applies: universe with a gateway, link without one.
    /// </summary>
    internal static NetlinkMessageWriter Add(IPNetwork destination, IPAddress? gateway, int index, Scope? scope, uint? table, uint? metric, bool replace)
    {
        var flags = replace
            ? (ushort)(NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE | NLM_F_CREATE)
            : (ushort)(NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE);
        var effectiveScope = scope ?? (gateway is null ? Scope.Link : Scope.Universe);
        return Build(RTM_NEWROUTE, flags, destination, gateway, index, table ?? Route.MainTable, metric, RTPROT_BOOT, (byte)effectiveScope, RTN_UNICAST);
    }

    /// <summary>
    /// <c>ip route del DST [via GW] [dev DEV] [table T] [metric M]</c>: scope NOWHERE, protocol and type unspecified,
    /// so the kernel matches on what is given. <paramref name="index"/> 0 leaves the device out.
    /// </summary>
    internal static NetlinkMessageWriter Delete(IPNetwork destination, IPAddress? gateway, int index, uint? table, uint? metric) =>
        Build(RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, destination, gateway, index, table ?? Route.MainTable, metric, RTPROT_UNSPEC, RT_SCOPE_NOWHERE, RTN_UNSPEC);

    /// <summary><c>ip route show table all</c> for one family or all (AF_UNSPEC).</summary>
    internal static NetlinkMessageWriter Dump(byte family)
    {
        var w = new NetlinkMessageWriter(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP);
        w.WriteStruct(new rtmsg { rtm_family = family });
        return w;
    }

    private static NetlinkMessageWriter Build(ushort type, ushort flags, IPNetwork destination, IPAddress? gateway, int index, uint table, uint? metric, byte protocol, byte scope, byte routeType)
    {
        var family = AddressFamilies.ToKernel(destination.BaseAddress);
        if (gateway is not null && AddressFamilies.ToKernel(gateway) != family)
        {
            throw new ArgumentException($"gateway {gateway} is not in the family of {destination}", nameof(gateway));
        }

        var w = new NetlinkMessageWriter(type, flags);
        w.WriteStruct(new rtmsg
        {
            rtm_family = family,
            rtm_dst_len = (byte)destination.PrefixLength,
            rtm_table = table < 256 ? (byte)table : RT_TABLE_UNSPEC, // larger ids only fit in RTA_TABLE
            rtm_protocol = protocol,
            rtm_scope = scope,
            rtm_type = routeType,
        });
        if (destination.PrefixLength > 0)
        {
            w.WriteAddress(RTA_DST, destination.BaseAddress); // "default" has no RTA_DST, as in iproute2
        }

        // iproute2 writes attributes in argument order and the device last; this is the order of
        // "ip route add DST via GW metric M table T dev DEV", so captures of that command compare byte for byte.
        if (gateway is not null)
        {
            w.WriteAddress(RTA_GATEWAY, gateway);
        }

        if (metric is { } priority)
        {
            w.WriteUInt32(RTA_PRIORITY, priority);
        }

        if (table >= 256)
        {
            w.WriteUInt32(RTA_TABLE, table);
        }

        if (index > 0)
        {
            w.WriteUInt32(RTA_OIF, (uint)index);
        }

        return w;
    }
}
