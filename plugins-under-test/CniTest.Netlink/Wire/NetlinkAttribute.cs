using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using static CniTest.Netlink.Wire.NetlinkConstants;

namespace CniTest.Netlink.Wire;

/// <summary>
/// One attribute: its type (flag bits stripped) and its payload. Typed getters check the payload size for the type
/// they read, so an attribute that is too short throws instead of being read past its end.
/// </summary>
internal readonly ref struct NetlinkAttribute
{
    internal NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> payload)
    {
        Type = (ushort)(rawType & NLA_TYPE_MASK);
        IsNested = (rawType & NLA_F_NESTED) != 0;
        Payload = payload;
    }

    internal ushort Type { get; }

    /// <summary>The sender set NLA_F_NESTED. The kernel does not always set it, so do not rely on it when reading.</summary>
    internal bool IsNested { get; }

    internal ReadOnlySpan<byte> Payload { get; }

    internal byte GetUInt8() => Need(1)[0];

    internal ushort GetUInt16() => MemoryMarshal.Read<ushort>(Need(2));

    internal uint GetUInt32() => MemoryMarshal.Read<uint>(Need(4));

    internal int GetInt32() => MemoryMarshal.Read<int>(Need(4));

    /// <summary>A string up to the first NUL (NLA_NUL_STRING) or the whole payload (NLA_STRING).</summary>
    internal string GetString()
    {
        var end = Payload.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? Payload : Payload[..end]);
    }

    /// <summary>An in_addr (4 bytes) or in6_addr (16 bytes).</summary>
    internal IPAddress GetAddress()
    {
        if (Payload.Length is not (4 or 16))
        {
            throw new NetlinkProtocolException($"attribute {Type}: {Payload.Length} bytes is not an IPv4 or IPv6 address");
        }

        return new IPAddress(Payload);
    }

    /// <summary>The attributes nested inside this one.</summary>
    internal NetlinkAttributeReader GetNested() => new(Payload);

    private ReadOnlySpan<byte> Need(int size)
    {
        if (Payload.Length < size)
        {
            throw new NetlinkProtocolException($"attribute {Type} has {Payload.Length} bytes, needs {size}");
        }

        return Payload;
    }
}
