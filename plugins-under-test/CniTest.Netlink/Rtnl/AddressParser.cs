using System.Net;
using CniTest.Netlink.Wire;
using static CniTest.Netlink.Wire.AddressConstants;

namespace CniTest.Netlink.Rtnl;

/// <summary>Turns an RTM_NEWADDR message into an <see cref="Address"/>.</summary>
internal static class AddressParser
{
    /// <summary>Returns null for families other than IPv4/IPv6.</summary>
    internal static Address? Parse(NetlinkMessage message)
    {
        if (message.Type != RTM_NEWADDR)
        {
            throw new NetlinkProtocolException($"expected RTM_NEWADDR, got message type {message.Type}");
        }

        var header = message.ReadStruct<ifaddrmsg>();
        if (header.ifa_family is not (AF_INET or AF_INET6))
        {
            return null;
        }

        IPAddress? local = null, address = null, broadcast = null;
        string? label = null;
        uint flags = header.ifa_flags;
        foreach (var attribute in message.AttributesAfter<ifaddrmsg>())
        {
            switch (attribute.Type)
            {
                case IFA_LOCAL:
                    local = attribute.GetAddress();
                    break;
                case IFA_ADDRESS:
                    address = attribute.GetAddress();
                    break;
                case IFA_BROADCAST:
                    broadcast = attribute.GetAddress();
                    break;
                case IFA_LABEL:
                    label = attribute.GetString();
                    break;
                case IFA_FLAGS:
                    flags = attribute.GetUInt32(); // the full 32-bit flags; ifa_flags holds only the low 8
                    break;
            }
        }

        return new Address
        {
            LinkIndex = (int)header.ifa_index,
            IP = local ?? address ?? throw new NetlinkProtocolException($"address on link {header.ifa_index} has neither IFA_LOCAL nor IFA_ADDRESS"),
            PrefixLength = header.ifa_prefixlen,
            Scope = (Scope)header.ifa_scope,
            Flags = flags,
            Label = label,
            Broadcast = broadcast,
        };
    }
}
