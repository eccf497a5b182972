using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static CniTest.Netlink.Wire.NetlinkConstants;

namespace CniTest.Netlink.Wire;

/// <summary>One received message: its header and the payload the header's length vouched for (already validated).</summary>
internal readonly ref struct NetlinkMessage
{
    internal NetlinkMessage(nlmsghdr header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    internal nlmsghdr Header { get; }

    internal ReadOnlySpan<byte> Payload { get; }

    internal ushort Type => Header.nlmsg_type;

    internal ushort Flags => Header.nlmsg_flags;

    /// <summary>Reads the family header at the start of the payload; throws if the payload is shorter than it.</summary>
    internal T ReadStruct<T>()
        where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        if (Payload.Length < size)
        {
            throw new NetlinkProtocolException($"message type {Type} has {Payload.Length} payload bytes, needs {size} for {typeof(T).Name}");
        }

        return MemoryMarshal.Read<T>(Payload);
    }

    /// <summary>The attributes that follow a family header of type <typeparamref name="T"/> (NLMSG_ALIGN'ed).</summary>
    internal NetlinkAttributeReader AttributesAfter<T>()
        where T : unmanaged
    {
        var offset = Align(Unsafe.SizeOf<T>());
        if (Payload.Length < Unsafe.SizeOf<T>())
        {
            throw new NetlinkProtocolException($"message type {Type} is too short for {typeof(T).Name}");
        }

        return new NetlinkAttributeReader(offset >= Payload.Length ? default : Payload[offset..]);
    }
}
