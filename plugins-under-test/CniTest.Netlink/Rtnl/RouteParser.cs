using System.Net;
using CniTest.Netlink.Wire;
using static CniTest.Netlink.Wire.AddressConstants;
using static CniTest.Netlink.Wire.RouteConstants;

namespace CniTest.Netlink.Rtnl;

/// <summary>Turns an RTM_NEWROUTE message into a <see cref="Route"/>.</summary>
internal static class RouteParser
{
    /// <summary>RTM_F_CLONED (rtnetlink.h): a cache entry, not a configured route.</summary>
    private const uint RTM_F_CLONED = 0x200;

    /// <summary>Returns null for families other than IPv4/IPv6 and for cloned cache entries.</summary>
    internal static Route? Parse(NetlinkMessage message)
    {
        if (message.Type != RTM_NEWROUTE)
        {
            throw new NetlinkProtocolException($"expected RTM_NEWROUTE, got message type {message.Type}");
        }

        var header = message.ReadStruct<rtmsg>();
        if (header.rtm_family is not (AF_INET or AF_INET6) || (header.rtm_flags & RTM_F_CLONED) != 0)
        {
            return null;
        }

        var family = AddressFamilies.FromKernel(header.rtm_family);
        IPAddress? destination = null, gateway = null, source = null;
        int? output = null;
        uint? metric = null;
        uint table = header.rtm_table;
        foreach (var attribute in message.AttributesAfter<rtmsg>())
        {
            switch (attribute.Type)
            {
                case RTA_DST:
                    destination = attribute.GetAddress();
                    break;
                case RTA_GATEWAY:
                    gateway = attribute.GetAddress();
                    break;
                case RTA_OIF:
                    output = (int)attribute.GetUInt32();
                    break;
                case RTA_PRIORITY:
                    metric = attribute.GetUInt32();
                    break;
                case RTA_PREFSRC:
                    source = attribute.GetAddress();
                    break;
                case RTA_TABLE:
                    table = attribute.GetUInt32();
                    break;
            }
        }

        destination ??= family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        if (header.rtm_dst_len > AddressFamilies.BitLength(family) || destination.AddressFamily != family)
        {
            throw new NetlinkProtocolException($"route {destination}/{header.rtm_dst_len} does not fit its family");
        }

        return new Route
        {
            Family = family,
            Destination = new IPNetwork(destination, header.rtm_dst_len),
            Gateway = gateway,
            OutputIndex = output,
            Table = table,
            Scope = (Scope)header.rtm_scope,
            Protocol = header.rtm_protocol,
            Metric = metric,
            PreferredSource = source,
            Type = header.rtm_type,
        };
    }
}
