using System.Net;
using System.Net.Sockets;

namespace CniTest.Netlink.Rtnl;

public sealed partial class RtnlHandle
{
    /// <summary>
    /// Adds an address; for IPv4 shorter than /31 the broadcast address is set too. Nothing is tolerated: an
    /// existing address fails with Errno EEXIST, which the caller may choose to accept.
    /// <para>Equivalent to: <c>ip addr add ADDR/PREFIX brd + dev DEV</c>.</para>
    /// </summary>
    public void AddrAdd(int index, IPAddress address, int prefixLength) =>
        ExecuteOnLink(AddressRequests.Add(index, address, prefixLength, replace: false), $"RTM_NEWADDR {address}/{prefixLength} #{index}", $"#{index}");

    /// <summary>Adds or updates an address. Equivalent to: <c>ip addr replace ADDR/PREFIX brd + dev DEV</c>.</summary>
    public void AddrReplace(int index, IPAddress address, int prefixLength) =>
        ExecuteOnLink(AddressRequests.Add(index, address, prefixLength, replace: true), $"RTM_NEWADDR replace {address}/{prefixLength} #{index}", $"#{index}");

    /// <summary>Equivalent to: <c>ip addr del ADDR/PREFIX dev DEV</c>.</summary>
    /// <exception cref="NetlinkException">Errno EADDRNOTAVAIL when the address is not there.</exception>
    public void AddrDel(int index, IPAddress address, int prefixLength) =>
        ExecuteOnLink(AddressRequests.Delete(index, address, prefixLength), $"RTM_DELADDR {address}/{prefixLength} #{index}", $"#{index}");

    /// <summary>
    /// Addresses in the handle's namespace, optionally of one link and one family.
    /// <para>Equivalent to: <c>ip [-4|-6] addr show [dev DEV]</c>.</para>
    /// </summary>
    public IReadOnlyList<Address> AddrList(int? index = null, AddressFamily? family = null)
    {
        var kernelFamily = AddressFamilies.ToKernel(family ?? AddressFamily.Unspecified);

        // With one link asked for, the kernel filters on a strict socket: a dump of every device's addresses grows
        // with the links of the namespace (issue 14: the bridge's gateway check on a host with 200 ports). The
        // replies are filtered here too, for kernels without strict dumps. A link that vanished: ENODEV.
        var filter = index is { } i && _socket.StrictDumps ? i : 0;
        try
        {
            return Dump(() => AddressRequests.Dump(kernelFamily, filter), "RTM_GETADDR dump", message =>
                AddressParser.Parse(message) is { } a && (index is null || a.LinkIndex == index) && (family is null || a.Family == family) ? a : null);
        }
        catch (NetlinkException e) when (filter != 0 && e.Errno == Errno.ENODEV)
        {
            return [];
        }
    }
}
