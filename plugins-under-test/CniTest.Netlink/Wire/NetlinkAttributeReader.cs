using System.Runtime.InteropServices;
using static CniTest.Netlink.Wire.NetlinkConstants;

namespace CniTest.Netlink.Wire;

/// <summary>
/// Walks a run of attributes (nla_ok / nla_next). Each nla_len must be at least the 4-byte header and must not
/// point past the remaining bytes; otherwise <see cref="NetlinkProtocolException"/>. Usable with <c>foreach</c>.
/// </summary>
internal ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _remaining;

    internal NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
    {
        _remaining = attributes;
        Current = default;
    }

    public NetlinkAttribute Current { get; private set; }

    public readonly NetlinkAttributeReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining.IsEmpty)
        {
            return false;
        }

        if (_remaining.Length < NLA_HDRLEN)
        {
            throw new NetlinkProtocolException($"{_remaining.Length} trailing bytes are too few for an attribute header");
        }

        var header = MemoryMarshal.Read<nlattr>(_remaining);
        if (header.nla_len < NLA_HDRLEN || header.nla_len > _remaining.Length)
        {
            throw new NetlinkProtocolException($"attribute {header.nla_type & NLA_TYPE_MASK}: nla_len {header.nla_len} is outside [{NLA_HDRLEN}, {_remaining.Length}]");
        }

        Current = new NetlinkAttribute(header.nla_type, _remaining[NLA_HDRLEN..header.nla_len]);
        _remaining = _remaining[Math.Min(Align(header.nla_len), _remaining.Length)..];
        return true;
    }
}
