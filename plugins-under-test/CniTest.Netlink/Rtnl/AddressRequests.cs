using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using CniTest.Netlink.Wire;
using static CniTest.Netlink.Wire.AddressConstants;
using static CniTest.Netlink.Wire.NetlinkConstants;

namespace CniTest.Netlink.Rtnl;

/// <summary>Builds RTM_*ADDR requests as iproute2 does (see <see cref="LinkRequests"/>).</summary>
internal static class AddressRequests
{
    /// <summary>
    /// <c>ip addr add|replace ADDR/PREFIX [brd +] dev DEV</c>. IPv4 prefixes shorter than /31 get the computed
    /// broadcast address, as vishvananda/netlink AddrAdd does, so our addresses look like the Go plugins' ones.
    /// </summary>
    internal static NetlinkMessageWriter Add(int index, IPAddress address, int prefixLength, bool replace)
    {
        var flags = replace
            ? (ushort)(NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE | NLM_F_CREATE)
            : (ushort)(NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE);
        var w = Start(RTM_NEWADDR, flags, index, address, prefixLength);
        if (address.AddressFamily == AddressFamily.InterNetwork && prefixLength < 31)
        {
            w.WriteAddress(IFA_BROADCAST, Broadcast(address, prefixLength));
        }

        return w;
    }

    /// <summary><c>ip addr del ADDR/PREFIX dev DEV</c>.</summary>
    internal static NetlinkMessageWriter Delete(int index, IPAddress address, int prefixLength) =>
        Start(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, index, address, prefixLength);

    /// <summary>
    /// <c>ip addr show [dev DEV]</c> for one family or all (AF_UNSPEC). iproute2 filters by device itself; here
    /// <paramref name="index"/> goes in ifa_index, which a strict socket (NETLINK_GET_STRICT_CHK) makes the kernel
    /// honour: only that device is dumped.
    /// </summary>
    internal static NetlinkMessageWriter Dump(byte family, int index = 0)
    {
        var w = new NetlinkMessageWriter(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP);
        w.WriteStruct(new ifaddrmsg { ifa_family = family, ifa_index = (uint)index });
        return w;
    }

    internal static IPAddress Broadcast(IPAddress address, int prefixLength)
    {
        var value = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        var hostMask = prefixLength == 0 ? uint.MaxValue : (1u << (32 - prefixLength)) - 1;
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value | hostMask);
        return new IPAddress(bytes);
    }

    private static NetlinkMessageWriter Start(ushort type, ushort flags, int index, IPAddress address, int prefixLength)
    {
        var bits = AddressFamilies.BitLength(address.AddressFamily);
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, bits);
        var w = new NetlinkMessageWriter(type, flags);
        w.WriteStruct(new ifaddrmsg
        {
            ifa_family = AddressFamilies.ToKernel(address),
            ifa_prefixlen = (byte)prefixLength,
            ifa_index = (uint)index,
        });

        // For IPv4, IFA_LOCAL is the address and IFA_ADDRESS the peer (equal unless point-to-point); IPv6 only
        // reads IFA_ADDRESS (falls back from IFA_LOCAL). iproute2 sends both for both families.
        w.WriteAddress(IFA_LOCAL, address);
        w.WriteAddress(IFA_ADDRESS, address);
        return w;
    }
}
