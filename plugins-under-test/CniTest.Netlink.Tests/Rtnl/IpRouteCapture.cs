namespace CniTest.Netlink.Tests.Rtnl;

/// <summary>
/// The sequence numbers iproute2 used in the captured requests (it seeds them with time(NULL)); the encoding tests
/// finish our messages with the same number so the whole datagram, header included, compares byte for byte.
/// Captured with <c>unshare -n; strace -xx -e trace=sendmsg -e write=all ip …</c> (iproute2 6.1, kernel 6.18):
/// lo is ifindex 1, veth1 2, veth0 3, veth3 4, veth2 5, br0 6.
/// </summary>
internal static class IpRouteCapture
{
    public const uint Sequence = 0x6b04147b;
    public const uint NextSequence = 0x6b04147c;
    public const uint NetnsSequence = 0x6b04148d;
}
