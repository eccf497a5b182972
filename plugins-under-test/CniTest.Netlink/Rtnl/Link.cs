using System.Net.NetworkInformation;

namespace CniTest.Netlink.Rtnl;

/// <summary>A network interface as RTM_NEWLINK describes it (vishvananda/netlink LinkAttrs, reduced to what CNI needs).</summary>
public sealed record Link
{
    /// <summary>ifindex, unique within the link's network namespace.</summary>
    public required int Index { get; init; }

    /// <summary>IFLA_IFNAME.</summary>
    public required string Name { get; init; }

    /// <summary>IFLA_INFO_KIND: "veth", "bridge", "macvlan"…; null for devices without rtnl_link_ops (lo, physical NICs).</summary>
    public string? Kind { get; init; }

    /// <summary>IFLA_IFALIAS: the free-text alias (<c>ip link set … alias</c>); null when none is set.</summary>
    public string? Alias { get; init; }

    /// <summary>IFLA_MASTER: the bridge (or other master) this link is enslaved to.</summary>
    public int? MasterIndex { get; init; }

    /// <summary>IFLA_MTU.</summary>
    public int Mtu { get; init; }

    /// <summary>IFLA_ADDRESS; null when the device has none.</summary>
    public PhysicalAddress? HardwareAddress { get; init; }

    /// <summary>ifi_flags (IFF_* from linux/if.h).</summary>
    public uint Flags { get; init; }

    /// <summary>IFF_UP: administratively up.</summary>
    public bool IsUp => (Flags & Wire.LinkConstants.IFF_UP) != 0;

    /// <summary>IFF_PROMISC.</summary>
    public bool IsPromiscuous => (Flags & Wire.LinkConstants.IFF_PROMISC) != 0;

    /// <summary>IFLA_OPERSTATE (RFC 2863).</summary>
    public LinkOperState OperState { get; init; }

    /// <summary>
    /// IFLA_LINK: for a veth, the peer's ifindex (an index in the peer's namespace when <see cref="LinkNetnsId"/> is
    /// set); for a macvlan, its lower device. Null when the kernel did not send it.
    /// </summary>
    public int? ParentIndex { get; init; }

    /// <summary>The veth peer's ifindex (IFLA_LINK), or null for other kinds.</summary>
    public int? PeerIndex => Kind == Wire.LinkConstants.KindVeth ? ParentIndex : null;

    /// <summary>IFLA_LINK_NETNSID: the peer or lower device lives in the namespace with this id (as seen from here).</summary>
    public int? LinkNetnsId { get; init; }

    /// <summary>IFLA_INFO_SLAVE_KIND: "bridge" when this link is a bridge port.</summary>
    public string? SlaveKind { get; init; }

    /// <summary>IFLA_BRPORT_MODE of a bridge port (hairpin); null when the link is not a bridge port.</summary>
    public bool? BridgePortHairpin { get; init; }

    /// <summary>IFLA_BR_VLAN_FILTERING of a bridge; null for other kinds or when the kernel lacks VLAN filtering.</summary>
    public bool? BridgeVlanFiltering { get; init; }
}
