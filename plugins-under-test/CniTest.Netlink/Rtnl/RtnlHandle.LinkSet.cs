using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using static CniTest.Netlink.Wire.LinkConstants;

namespace CniTest.Netlink.Rtnl;

public sealed partial class RtnlHandle
{
    /// <summary>Equivalent to: <c>ip link set dev DEV up</c>.</summary>
    /// <exception cref="LinkNotFoundException">No such link.</exception>
    public void LinkSetUp(int index) => SetLink(LinkRequests.SetFlags(index, IFF_UP, on: true), "up", index);

    /// <summary>Equivalent to: <c>ip link set dev DEV down</c>.</summary>
    public void LinkSetDown(int index) => SetLink(LinkRequests.SetFlags(index, IFF_UP, on: false), "down", index);

    /// <summary>Equivalent to: <c>ip link set dev DEV promisc on|off</c>.</summary>
    public void LinkSetPromisc(int index, bool on) =>
        SetLink(LinkRequests.SetFlags(index, IFF_PROMISC, on), on ? "promisc on" : "promisc off", index);

    /// <summary>Enslaves a link to a bridge (or other master). Equivalent to: <c>ip link set dev DEV master MASTER</c>.</summary>
    public void LinkSetMaster(int index, int masterIndex) =>
        SetLink(LinkRequests.SetUInt32(index, IFLA_MASTER, (uint)masterIndex), $"master #{masterIndex}", index);

    /// <summary>
    /// Enslaves a link, optionally labels it, and brings it up in one request (one round trip instead of three).
    /// Equivalent to: <c>ip link set dev DEV master MASTER [alias TEXT] up</c>.
    /// </summary>
    /// <exception cref="LinkNotFoundException">No such link.</exception>
    public void LinkSetMasterUp(int index, int masterIndex, string? alias = null) =>
        SetLink(LinkRequests.SetMasterAliasUp(index, masterIndex, alias), $"master #{masterIndex} up", index);

    /// <summary>
    /// Enslaves a link and labels it in one request, leaving it down: label a link before bringing it up, since a
    /// new alias on an up link makes the kernel re-sync every IPv6 route of the namespace.
    /// Equivalent to: <c>ip link set dev DEV master MASTER alias TEXT</c>.
    /// </summary>
    /// <exception cref="LinkNotFoundException">No such link.</exception>
    public void LinkSetMasterAlias(int index, int masterIndex, string alias) =>
        SetLink(LinkRequests.SetMasterAlias(index, masterIndex, alias), $"master #{masterIndex} alias", index);

    /// <summary>Equivalent to: <c>ip link set dev DEV nomaster</c>.</summary>
    public void LinkSetNoMaster(int index) => SetLink(LinkRequests.SetUInt32(index, IFLA_MASTER, 0), "nomaster", index);

    /// <summary>Equivalent to: <c>ip link set dev DEV mtu MTU</c>.</summary>
    /// <exception cref="NetlinkException">Errno EINVAL when the device does not accept the MTU.</exception>
    public void LinkSetMtu(int index, int mtu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mtu);
        SetLink(LinkRequests.SetUInt32(index, IFLA_MTU, (uint)mtu), $"mtu {mtu}", index);
    }

    /// <summary>Renames a link; the kernel requires it to be down (EBUSY otherwise). Equivalent to: <c>ip link set dev DEV name NEW</c>.</summary>
    public void LinkSetName(int index, string name) => SetLink(LinkRequests.SetName(index, name), $"name {name}", index);

    /// <summary>
    /// Sets the interface alias (IFLA_IFALIAS), a free-text label kept by the kernel with the link; an empty string
    /// clears it. Equivalent to: <c>ip link set dev DEV alias TEXT</c>.
    /// </summary>
    public void LinkSetAlias(int index, string alias) => SetLink(LinkRequests.SetAlias(index, alias), "alias", index);

    /// <summary>Equivalent to: <c>ip link set dev DEV address MAC</c>.</summary>
    public void LinkSetHardwareAddress(int index, PhysicalAddress address) =>
        SetLink(LinkRequests.SetHardwareAddress(index, address), $"address {address}", index);

    /// <summary>
    /// Moves a link into another network namespace; it keeps its name if free there, and gets a new ifindex
    /// only if its index is taken there.
    /// <para>Equivalent to: <c>ip link set dev DEV netns NS</c>.</para>
    /// </summary>
    public void LinkSetNetnsFd(int index, SafeHandle netns)
    {
        ArgumentNullException.ThrowIfNull(netns);
        WithFd(netns, fd => SetLink(LinkRequests.SetUInt32(index, IFLA_NET_NS_FD, (uint)fd!.Value), "netns", index));
    }

    /// <summary>
    /// Lets a bridge port send frames back out of the port they came in on (CNI bridge <c>hairpinMode</c>).
    /// The link must already be enslaved to a bridge (EOPNOTSUPP otherwise).
    /// <para>Equivalent to: <c>bridge link set dev DEV hairpin on|off</c>.</para>
    /// </summary>
    public void LinkSetBridgePortHairpin(int index, bool on) =>
        SetLink(LinkRequests.SetBridgePortHairpin(index, on), on ? "hairpin on" : "hairpin off", index);

    private void SetLink(Wire.NetlinkMessageWriter request, string what, int index) =>
        ExecuteOnLink(request, $"RTM_{(request.Type == RTM_SETLINK ? "SET" : "NEW")}LINK #{index} {what}", $"#{index}");
}
