using System.Net.NetworkInformation;
using CniTest.Netlink.Wire;
using static CniTest.Netlink.Wire.LinkConstants;

namespace CniTest.Netlink.Rtnl;

/// <summary>Turns an RTM_NEWLINK message into a <see cref="Link"/>; unknown attributes are ignored.</summary>
internal static class LinkParser
{
    internal static Link Parse(NetlinkMessage message)
    {
        if (message.Type != RTM_NEWLINK)
        {
            throw new NetlinkProtocolException($"expected RTM_NEWLINK, got message type {message.Type}");
        }

        var info = message.ReadStruct<ifinfomsg>();
        string? name = null, kind = null, slaveKind = null, alias = null;
        int? master = null, parent = null, netnsId = null;
        bool? hairpin = null, vlanFiltering = null;
        var mtu = 0;
        PhysicalAddress? mac = null;
        var operState = LinkOperState.Unknown;

        foreach (var attribute in message.AttributesAfter<ifinfomsg>())
        {
            switch (attribute.Type)
            {
                case IFLA_IFNAME:
                    name = attribute.GetString();
                    break;
                case IFLA_IFALIAS:
                    alias = attribute.GetString();
                    break;
                case IFLA_MTU:
                    mtu = (int)attribute.GetUInt32();
                    break;
                case IFLA_MASTER:
                    master = NonZero(attribute.GetUInt32());
                    break;
                case IFLA_LINK:
                    parent = NonZero(attribute.GetUInt32());
                    break;
                case IFLA_LINK_NETNSID:
                    netnsId = attribute.GetInt32();
                    break;
                case IFLA_ADDRESS:
                    mac = attribute.Payload.IsEmpty ? null : new PhysicalAddress(attribute.Payload.ToArray());
                    break;
                case IFLA_OPERSTATE:
                    operState = (LinkOperState)attribute.GetUInt8();
                    break;
                case IFLA_LINKINFO:
                    ParseLinkInfo(attribute.GetNested(), ref kind, ref slaveKind, ref hairpin, ref vlanFiltering);
                    break;
            }
        }

        return new Link
        {
            Index = info.ifi_index,
            Name = name ?? throw new NetlinkProtocolException($"link {info.ifi_index} has no IFLA_IFNAME"),
            Kind = kind,
            Alias = string.IsNullOrEmpty(alias) ? null : alias,
            MasterIndex = master,
            Mtu = mtu,
            HardwareAddress = mac,
            Flags = info.ifi_flags,
            OperState = operState,
            // A peer in another namespace may well have the same ifindex as this link; only a same-namespace self
            // reference means "no parent" (the kernel normally leaves IFLA_LINK out then).
            ParentIndex = parent == info.ifi_index && netnsId is null ? null : parent,
            LinkNetnsId = netnsId,
            SlaveKind = slaveKind,
            BridgePortHairpin = hairpin,
            BridgeVlanFiltering = vlanFiltering,
        };
    }

    // IFLA_INFO_DATA and IFLA_INFO_SLAVE_DATA are typed by the kind strings, which the kernel sends first.
    private static void ParseLinkInfo(NetlinkAttributeReader linkInfo, ref string? kind, ref string? slaveKind, ref bool? hairpin, ref bool? vlanFiltering)
    {
        foreach (var attribute in linkInfo)
        {
            switch (attribute.Type)
            {
                case IFLA_INFO_KIND:
                    kind = attribute.GetString();
                    break;
                case IFLA_INFO_SLAVE_KIND:
                    slaveKind = attribute.GetString();
                    break;
                case IFLA_INFO_DATA when kind == KindBridge:
                    vlanFiltering = FindFlag(attribute.GetNested(), IFLA_BR_VLAN_FILTERING);
                    break;
                case IFLA_INFO_SLAVE_DATA when slaveKind == KindBridge:
                    hairpin = FindFlag(attribute.GetNested(), IFLA_BRPORT_MODE);
                    break;
            }
        }
    }

    private static bool? FindFlag(NetlinkAttributeReader attributes, ushort type)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Type == type)
            {
                return attribute.GetUInt8() != 0;
            }
        }

        return null;
    }

    private static int? NonZero(uint value) => value == 0 ? null : (int)value;
}
