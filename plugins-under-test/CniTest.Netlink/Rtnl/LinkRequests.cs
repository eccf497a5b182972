using System.Net.NetworkInformation;
using System.Text;
using CniTest.Netlink.Wire;
using static CniTest.Netlink.Wire.LinkConstants;
using static CniTest.Netlink.Wire.NetlinkConstants;

namespace CniTest.Netlink.Rtnl;

/// <summary>
/// Builds RTM_*LINK requests byte-for-byte as iproute2 does (same flags, same attribute order), so each can be
/// compared with <c>strace -e trace=sendmsg ip link …</c>. Pure functions: the tests check their bytes.
/// </summary>
internal static class LinkRequests
{
    private const ushort Create = NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE;
    private const ushort Change = NLM_F_REQUEST | NLM_F_ACK;

    /// <summary><c>ip link add NAME [mtu MTU] type veth peer name PEER [mtu MTU] [netns FD]</c>.</summary>
    internal static NetlinkMessageWriter AddVeth(string name, string peerName, int? peerNetnsFd, int? mtu)
    {
        var w = NewLink(name, mtu);
        var linkInfo = w.BeginNested(IFLA_LINKINFO);
        w.WriteString(IFLA_INFO_KIND, KindVeth, nulTerminated: false);
        var data = w.BeginNested(IFLA_INFO_DATA);
        var peer = w.BeginNested(VETH_INFO_PEER);
        w.WriteStruct(new ifinfomsg()); // the peer is described like a whole link: its own ifinfomsg, then IFLA_*
        if (mtu is { } peerMtu)
        {
            w.WriteUInt32(IFLA_MTU, (uint)peerMtu);
        }

        if (peerNetnsFd is { } fd)
        {
            w.WriteUInt32(IFLA_NET_NS_FD, (uint)fd);
        }

        w.WriteString(IFLA_IFNAME, CheckName(peerName));
        w.EndNested(peer);
        w.EndNested(data);
        w.EndNested(linkInfo);
        return w;
    }

    /// <summary><c>ip link add NAME [mtu MTU] type bridge [vlan_filtering 0|1]</c>.</summary>
    internal static NetlinkMessageWriter AddBridge(string name, int? mtu, bool? vlanFiltering)
    {
        var w = NewLink(name, mtu);
        var linkInfo = w.BeginNested(IFLA_LINKINFO);
        w.WriteString(IFLA_INFO_KIND, KindBridge, nulTerminated: false);
        if (vlanFiltering is { } filtering)
        {
            var data = w.BeginNested(IFLA_INFO_DATA);
            w.WriteUInt8(IFLA_BR_VLAN_FILTERING, filtering ? (byte)1 : (byte)0);
            w.EndNested(data);
        }

        w.EndNested(linkInfo);
        return w;
    }

    /// <summary><c>ip link add NAME link MASTER type macvlan mode MODE</c>.</summary>
    internal static NetlinkMessageWriter AddMacvlan(string name, int masterIndex, MacvlanMode mode)
    {
        var w = new NetlinkMessageWriter(RTM_NEWLINK, Create);
        w.WriteStruct(new ifinfomsg());
        w.WriteUInt32(IFLA_LINK, (uint)masterIndex);
        w.WriteString(IFLA_IFNAME, CheckName(name));
        var linkInfo = w.BeginNested(IFLA_LINKINFO);
        w.WriteString(IFLA_INFO_KIND, KindMacvlan, nulTerminated: false);
        var data = w.BeginNested(IFLA_INFO_DATA);
        w.WriteUInt32(IFLA_MACVLAN_MODE, (uint)mode);
        w.EndNested(data);
        w.EndNested(linkInfo);
        return w;
    }

    /// <summary><c>ip link del dev DEV</c>.</summary>
    internal static NetlinkMessageWriter Delete(int index)
    {
        var w = new NetlinkMessageWriter(RTM_DELLINK, Change);
        w.WriteStruct(new ifinfomsg { ifi_index = index });
        return w;
    }

    /// <summary><c>ip link set dev DEV up|down</c>, <c>promisc on|off</c>: ifi_change says which flag bits to apply.</summary>
    internal static NetlinkMessageWriter SetFlags(int index, uint flag, bool on)
    {
        var w = new NetlinkMessageWriter(RTM_NEWLINK, Change);
        w.WriteStruct(new ifinfomsg { ifi_index = index, ifi_flags = on ? flag : 0, ifi_change = flag });
        return w;
    }

    /// <summary><c>ip link set dev DEV master M</c> (0: <c>nomaster</c>), <c>mtu N</c>, <c>netns FD</c>: one u32 attribute.</summary>
    internal static NetlinkMessageWriter SetUInt32(int index, ushort attribute, uint value)
    {
        var w = Set(index);
        w.WriteUInt32(attribute, value);
        return w;
    }

    /// <summary>
    /// <c>ip link set dev DEV master M [alias TEXT] up</c>: one request, IFF_UP in the header and the attributes in
    /// command-line order, as iproute2 sends it.
    /// </summary>
    internal static NetlinkMessageWriter SetMasterAliasUp(int index, int masterIndex, string? alias) =>
        SetMasterAlias(index, masterIndex, alias, up: true);

    /// <summary>
    /// <c>ip link set dev DEV master M alias TEXT</c> (the link's flags untouched). Labelling a link that is down
    /// costs the kernel nothing more; on a link that is up, a new alias sends NETDEV_CHANGE, and IPv6 answers that on
    /// a port without carrier by walking the namespace's whole IPv6 FIB (<c>rt6_sync_down_dev</c>), which grows with
    /// every bridge port's link-local routes (issue 14).
    /// </summary>
    internal static NetlinkMessageWriter SetMasterAlias(int index, int masterIndex, string alias) =>
        SetMasterAlias(index, masterIndex, alias, up: false);

    private static NetlinkMessageWriter SetMasterAlias(int index, int masterIndex, string? alias, bool up)
    {
        var w = new NetlinkMessageWriter(RTM_NEWLINK, Change);
        w.WriteStruct(up ? new ifinfomsg { ifi_index = index, ifi_flags = IFF_UP, ifi_change = IFF_UP } : new ifinfomsg { ifi_index = index });
        w.WriteUInt32(IFLA_MASTER, (uint)masterIndex);
        if (alias is not null)
        {
            w.WriteString(IFLA_IFALIAS, CheckAlias(alias), nulTerminated: false);
        }

        return w;
    }

    /// <summary><c>ip link set dev DEV name NEW</c>.</summary>
    internal static NetlinkMessageWriter SetName(int index, string name)
    {
        var w = Set(index);
        w.WriteString(IFLA_IFNAME, CheckName(name));
        return w;
    }

    /// <summary><c>ip link set dev DEV alias TEXT</c>: sent without a NUL, as iproute2 does.</summary>
    internal static NetlinkMessageWriter SetAlias(int index, string alias)
    {
        var w = Set(index);
        w.WriteString(IFLA_IFALIAS, CheckAlias(alias), nulTerminated: false);
        return w;
    }

    private static string CheckAlias(string alias) => Encoding.UTF8.GetByteCount(alias) < IFALIASZ
        ? alias
        : throw new ArgumentException($"an alias is at most {IFALIASZ - 1} bytes", nameof(alias));

    /// <summary><c>ip link set dev DEV address MAC</c>.</summary>
    internal static NetlinkMessageWriter SetHardwareAddress(int index, PhysicalAddress address)
    {
        var w = Set(index);
        w.WriteAttribute(IFLA_ADDRESS, address.GetAddressBytes());
        return w;
    }

    /// <summary>
    /// <c>bridge link set dev DEV hairpin on|off</c>: RTM_SETLINK with family AF_BRIDGE, so the bridge driver
    /// (br_setlink) reads IFLA_PROTINFO as bridge-port options.
    /// </summary>
    internal static NetlinkMessageWriter SetBridgePortHairpin(int index, bool on)
    {
        var w = new NetlinkMessageWriter(RTM_SETLINK, Change);
        w.WriteStruct(new ifinfomsg { ifi_family = AddressConstants.AF_BRIDGE, ifi_index = index });
        var protinfo = w.BeginNested(IFLA_PROTINFO | NLA_F_NESTED);
        w.WriteUInt8(IFLA_BRPORT_MODE, on ? (byte)1 : (byte)0);
        w.EndNested(protinfo);
        return w;
    }

    /// <summary><c>ip link show dev NAME</c>: RTM_GETLINK by name (ACK requested so the reply's end is explicit).</summary>
    internal static NetlinkMessageWriter GetByName(string name)
    {
        var w = new NetlinkMessageWriter(RTM_GETLINK, Change);
        w.WriteStruct(new ifinfomsg());
        w.WriteUInt32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
        w.WriteString(IFLA_IFNAME, CheckName(name));
        return w;
    }

    /// <summary>RTM_GETLINK by ifindex.</summary>
    internal static NetlinkMessageWriter GetByIndex(int index)
    {
        var w = new NetlinkMessageWriter(RTM_GETLINK, Change);
        w.WriteStruct(new ifinfomsg { ifi_index = index });
        w.WriteUInt32(IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
        return w;
    }

    /// <summary><c>ip link show</c>: dump every link; statistics skipped, they are large and unused.</summary>
    internal static NetlinkMessageWriter Dump()
    {
        var w = new NetlinkMessageWriter(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP);
        w.WriteStruct(new ifinfomsg());
        w.WriteUInt32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
        return w;
    }

    /// <summary>Interface names are at most IFNAMSIZ-1 bytes; the kernel would answer EINVAL, we say why.</summary>
    internal static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Encoding.UTF8.GetByteCount(name) >= IFNAMSIZ || name.Contains('/') || name.Contains('\0') || name.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{name}' is not a valid interface name (at most {IFNAMSIZ - 1} bytes, no '/', NUL or whitespace)", nameof(name));
        }

        return name;
    }

    private static NetlinkMessageWriter NewLink(string name, int? mtu)
    {
        var w = new NetlinkMessageWriter(RTM_NEWLINK, Create);
        w.WriteStruct(new ifinfomsg());
        if (mtu is { } value)
        {
            w.WriteUInt32(IFLA_MTU, (uint)value);
        }

        w.WriteString(IFLA_IFNAME, CheckName(name));
        return w;
    }

    private static NetlinkMessageWriter Set(int index)
    {
        var w = new NetlinkMessageWriter(RTM_NEWLINK, Change);
        w.WriteStruct(new ifinfomsg { ifi_index = index });
        return w;
    }
}
