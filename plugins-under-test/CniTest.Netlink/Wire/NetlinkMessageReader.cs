using System.Runtime.InteropServices;
using static CniTest.Netlink.Wire.NetlinkConstants;

namespace CniTest.Netlink.Wire;

/// <summary>
/// Walks the messages packed into one datagram (NLMSG_OK / NLMSG_NEXT). Every nlmsg_len is checked against the
/// bytes actually present before it is used, so a lying or truncated length throws instead of reading garbage.
/// Usable with <c>foreach</c>.
/// </summary>
internal ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _remaining;

    internal NetlinkMessageReader(ReadOnlySpan<byte> datagram)
    {
        _remaining = datagram;
        Current = default;
    }

    public NetlinkMessage Current { get; private set; }

    public readonly NetlinkMessageReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining.IsEmpty)
        {
            return false;
        }

        if (_remaining.Length < NLMSG_HDRLEN)
        {
            throw new NetlinkProtocolException($"{_remaining.Length} trailing bytes are too few for a {NLMSG_HDRLEN}-byte nlmsghdr");
        }

        var header = MemoryMarshal.Read<nlmsghdr>(_remaining);
        if (header.nlmsg_len < NLMSG_HDRLEN || header.nlmsg_len > (uint)_remaining.Length)
        {
            throw new NetlinkProtocolException($"nlmsg_len {header.nlmsg_len} is outside [{NLMSG_HDRLEN}, {_remaining.Length}]");
        }

        var length = (int)header.nlmsg_len;
        Current = new NetlinkMessage(header, _remaining[NLMSG_HDRLEN..length]);

        // The last message of a datagram need not carry its padding.
        _remaining = _remaining[Math.Min(Align(length), _remaining.Length)..];
        return true;
    }
}
