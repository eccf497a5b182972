using System.Runtime.InteropServices;

namespace CniTest.Netlink.Rtnl;

public sealed partial class RtnlHandle
{
    /// <summary>
    /// Creates a veth pair. With <paramref name="peerNetns"/> the peer is born in that namespace
    /// (IFLA_NET_NS_FD inside VETH_INFO_PEER), so its name only has to be unique there.
    /// <para>Equivalent to: <c>ip link add NAME [mtu MTU] type veth peer name PEER [mtu MTU] [netns NS]</c>.</para>
    /// </summary>
    /// <param name="name">The local end's name.</param>
    /// <param name="peerName">The peer's name.</param>
    /// <param name="peerNetns">A network namespace fd (e.g. <see cref="Namespaces.NetnsHandle"/>) for the peer; null: here.</param>
    /// <param name="mtu">MTU for both ends; null: the kernel default (1500).</param>
    /// <exception cref="NetlinkException">Errno EEXIST when a name is taken.</exception>
    public void LinkAddVeth(string name, string peerName, SafeHandle? peerNetns = null, int? mtu = null) =>
        WithFd(peerNetns, fd => Execute(LinkRequests.AddVeth(name, peerName, fd, mtu), $"RTM_NEWLINK veth {name} peer {peerName}"));

    /// <summary>
    /// Creates a bridge. A concurrent creator makes this fail with Errno EEXIST: tolerating that and re-reading the
    /// link is the caller's job (plugins#366, bridge.go ensureBridge).
    /// <para>Equivalent to: <c>ip link add NAME [mtu MTU] type bridge [vlan_filtering 0|1]</c>.</para>
    /// </summary>
    /// <exception cref="NetlinkException">Errno EEXIST when the name is taken; EOPNOTSUPP for vlan_filtering on a
    /// kernel without CONFIG_BRIDGE_VLAN_FILTERING.</exception>
    public void LinkAddBridge(string name, int? mtu = null, bool? vlanFiltering = null) =>
        Execute(LinkRequests.AddBridge(name, mtu, vlanFiltering), $"RTM_NEWLINK bridge {name}");

    /// <summary>
    /// Creates a macvlan on top of <paramref name="masterIndex"/>.
    /// <para>Equivalent to: <c>ip link add NAME link MASTER type macvlan mode MODE</c>.</para>
    /// </summary>
    public void LinkAddMacvlan(string name, int masterIndex, MacvlanMode mode) =>
        ExecuteOnLink(LinkRequests.AddMacvlan(name, masterIndex, mode), $"RTM_NEWLINK macvlan {name}", $"#{masterIndex}");

    /// <summary>
    /// Deletes a link (for a veth, both ends).
    /// <para>Equivalent to: <c>ip link del dev DEV</c>.</para>
    /// </summary>
    /// <exception cref="LinkNotFoundException">No such link.</exception>
    public void LinkDel(int index) =>
        ExecuteOnLink(LinkRequests.Delete(index), $"RTM_DELLINK #{index}", $"#{index}");

    /// <summary>Passes the fd number of <paramref name="handle"/>, kept open (AddRef) until the request is answered.</summary>
    private static void WithFd(SafeHandle? handle, Action<int?> action)
    {
        if (handle is null)
        {
            action(null);
            return;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            action((int)handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }
}
