namespace CniTest.Netlink.Wire;

/// <summary>RTM_*LINK message types and their attributes (linux/rtnetlink.h, linux/if_link.h, linux/veth.h, linux/if.h).</summary>
internal static class LinkConstants
{
    internal const ushort RTM_NEWLINK = 16;
    internal const ushort RTM_DELLINK = 17;
    internal const ushort RTM_GETLINK = 18;
    internal const ushort RTM_SETLINK = 19;

    // enum { IFLA_* } (if_link.h)
    internal const ushort IFLA_ADDRESS = 1;
    internal const ushort IFLA_BROADCAST = 2;
    internal const ushort IFLA_IFNAME = 3;
    internal const ushort IFLA_MTU = 4;
    internal const ushort IFLA_LINK = 5;
    internal const ushort IFLA_MASTER = 10;
    internal const ushort IFLA_PROTINFO = 12;
    internal const ushort IFLA_OPERSTATE = 16;
    internal const ushort IFLA_LINKINFO = 18;
    internal const ushort IFLA_IFALIAS = 20;
    internal const ushort IFLA_NET_NS_FD = 28;
    internal const ushort IFLA_EXT_MASK = 29;
    internal const ushort IFLA_PROMISCUITY = 30;
    internal const ushort IFLA_LINK_NETNSID = 37;

    // enum { IFLA_INFO_* }
    internal const ushort IFLA_INFO_KIND = 1;
    internal const ushort IFLA_INFO_DATA = 2;
    internal const ushort IFLA_INFO_SLAVE_KIND = 4;
    internal const ushort IFLA_INFO_SLAVE_DATA = 5;

    // enum { VETH_INFO_* } (veth.h): the peer is a full ifinfomsg + IFLA_* block nested in IFLA_INFO_DATA.
    internal const ushort VETH_INFO_PEER = 1;

    // enum { IFLA_BR_* }
    internal const ushort IFLA_BR_VLAN_FILTERING = 7;

    // enum { IFLA_BRPORT_* }: inside IFLA_PROTINFO (family AF_BRIDGE) or IFLA_INFO_SLAVE_DATA.
    internal const ushort IFLA_BRPORT_MODE = 4;

    // enum { IFLA_MACVLAN_* }
    internal const ushort IFLA_MACVLAN_MODE = 1;

    // RTEXT_FILTER_* for IFLA_EXT_MASK (rtnetlink.h)
    internal const uint RTEXT_FILTER_VF = 1;
    internal const uint RTEXT_FILTER_SKIP_STATS = 8;

    // net_device_flags (if.h)
    internal const uint IFF_UP = 0x1;
    internal const uint IFF_PROMISC = 0x100;
    internal const uint IFF_LOWER_UP = 0x10000;

    /// <summary>IFNAMSIZ (if.h) including the terminating NUL: names are at most 15 bytes.</summary>
    internal const int IFNAMSIZ = 16;

    /// <summary>IFALIASZ (if.h): an alias is at most 255 bytes.</summary>
    internal const int IFALIASZ = 256;

    // Link kinds (IFLA_INFO_KIND strings), as the drivers register them.
    internal const string KindVeth = "veth";
    internal const string KindBridge = "bridge";
    internal const string KindMacvlan = "macvlan";
}
