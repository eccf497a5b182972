using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using static CniTest.Netlink.Wire.NetlinkConstants;

namespace CniTest.Netlink.Wire;

/// <summary>
/// Builds one netlink request: the nlmsghdr, a family header (ifinfomsg, ifaddrmsg, rtmsg) and attributes, each
/// padded to 4 bytes (NLA_ALIGN). Nested attributes are written between <see cref="BeginNested"/> and
/// <see cref="EndNested"/>, which patches the length once the children are known (Tmds.DBus
/// MessageWriter.WriteArrayStart/WriteArrayEnd). Everything is in host byte order, as the kernel expects.
/// </summary>
internal sealed class NetlinkMessageWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;
    private int _depth;

    /// <summary>Starts a message of <paramref name="type"/> (e.g. RTM_NEWLINK) with <paramref name="flags"/> (NLM_F_*).</summary>
    internal NetlinkMessageWriter(ushort type, ushort flags)
    {
        Type = type;
        Flags = flags;
        WriteStruct(new nlmsghdr { nlmsg_type = type, nlmsg_flags = flags });
    }

    internal ushort Type { get; }

    internal ushort Flags { get; }

    /// <summary>Appends a fixed kernel struct (a family header, or the ifinfomsg inside VETH_INFO_PEER), padded.</summary>
    internal void WriteStruct<T>(in T value)
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var span = Reserve(Align(size));
        MemoryMarshal.Write(span, in value);
    }

    /// <summary>Appends an attribute: nla_len covers header + payload; the padding after it is not counted.</summary>
    internal void WriteAttribute(ushort type, ReadOnlySpan<byte> payload)
    {
        var length = NLA_HDRLEN + payload.Length;
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException($"attribute {type} is {length} bytes; nla_len is 16 bits", nameof(payload));
        }

        var span = Reserve(Align(length));
        MemoryMarshal.Write(span, new nlattr { nla_len = (ushort)length, nla_type = type });
        payload.CopyTo(span[NLA_HDRLEN..]);
    }

    internal void WriteUInt8(ushort type, byte value) => WriteAttribute(type, [value]);

    internal void WriteUInt32(ushort type, uint value)
    {
        Span<byte> payload = stackalloc byte[4];
        MemoryMarshal.Write(payload, in value); // host byte order, like every netlink integer
        WriteAttribute(type, payload);
    }

    /// <summary>
    /// A NUL-terminated string (NLA_NUL_STRING, e.g. IFLA_IFNAME), or without the NUL for NLA_STRING attributes that
    /// iproute2 sends bare (IFLA_INFO_KIND): the kernel accepts both, and matching iproute2 keeps the bytes comparable.
    /// </summary>
    internal void WriteString(ushort type, string value, bool nulTerminated = true)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Span<byte> payload = stackalloc byte[count + (nulTerminated ? 1 : 0)];
        Encoding.UTF8.GetBytes(value, payload);
        WriteAttribute(type, payload);
    }

    /// <summary>An IPv4 (4 bytes) or IPv6 (16 bytes) address in network byte order, as in_addr/in6_addr.</summary>
    internal void WriteAddress(ushort type, IPAddress address)
    {
        Span<byte> payload = stackalloc byte[16];
        address.TryWriteBytes(payload, out var written);
        WriteAttribute(type, payload[..written]);
    }

    /// <summary>Opens a nested attribute; write its children, then pass the token to <see cref="EndNested"/>.</summary>
    internal NestedAttribute BeginNested(ushort type)
    {
        var offset = _length;
        var span = Reserve(NLA_HDRLEN);
        MemoryMarshal.Write(span, new nlattr { nla_type = type });
        return new NestedAttribute(offset, ++_depth);
    }

    /// <summary>Closes the innermost open nested attribute: its nla_len becomes everything written since it began.</summary>
    internal void EndNested(NestedAttribute token)
    {
        if (token.Depth != _depth || token.Offset >= _length)
        {
            throw new InvalidOperationException("EndNested must close the innermost open nested attribute");
        }

        var length = _length - token.Offset;
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"nested attribute is {length} bytes; nla_len is 16 bits");
        }

        var nlaLen = (ushort)length;
        MemoryMarshal.Write(_buffer.AsSpan(token.Offset), in nlaLen);
        _depth--;
    }

    /// <summary>Patches nlmsg_len, nlmsg_seq and nlmsg_pid and returns the finished message.</summary>
    internal ReadOnlySpan<byte> Finish(uint sequence, uint portId = 0)
    {
        if (_depth != 0)
        {
            throw new InvalidOperationException($"{_depth} nested attribute(s) still open");
        }

        var header = new nlmsghdr
        {
            nlmsg_len = (uint)_length,
            nlmsg_type = Type,
            nlmsg_flags = Flags,
            nlmsg_seq = sequence,
            nlmsg_pid = portId,
        };
        MemoryMarshal.Write(_buffer.AsSpan(), in header);
        return _buffer.AsSpan(0, _length);
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        span.Clear(); // padding bytes must be zero
        _length += count;
        return span;
    }
}

/// <summary>Where a nested attribute began and how deep it is; returned by BeginNested, consumed by EndNested.</summary>
internal readonly record struct NestedAttribute(int Offset, int Depth);
