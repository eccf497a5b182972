using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CniTest.Ipam.Net;

/// <summary>
/// An IPv4 or IPv6 address as a number, for range arithmetic (Go's <c>ip.NextIP</c>, <c>ip.Cmp</c>). IPv4-mapped
/// IPv6 input is canonicalised to IPv4, as host-local's <c>canonicalizeIP</c> does.
/// </summary>
public readonly record struct IpValue(UInt128 Value, bool IsV4) : IComparable<IpValue>
{
    /// <summary>Address width in bits.</summary>
    public int Bits => IsV4 ? 32 : 128;

    /// <summary>From a .NET address (IPv4-mapped IPv6 becomes IPv4).</summary>
    public static IpValue From(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? new IpValue(BinaryPrimitives.ReadUInt32BigEndian(bytes), true)
            : new IpValue(BinaryPrimitives.ReadUInt128BigEndian(bytes[..written]), false);
    }

    /// <summary>Parses a bare address (no prefix).</summary>
    public static bool TryParse(string? text, out IpValue value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Contains('/') || !IPAddress.TryParse(text, out var address))
            return false;
        value = From(address);
        return true;
    }

    /// <summary>The .NET address.</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (IsV4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Value);
            return new IPAddress(bytes[..4]);
        }
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return new IPAddress(bytes);
    }

    /// <summary>The next address (wraps within the family, like Go's <c>ip.NextIP</c>).</summary>
    public IpValue Next() => this with { Value = IsV4 ? (uint)(Value + 1) : Value + 1 };

    /// <summary>The network mask of <paramref name="prefixLength"/> bits in this family.</summary>
    public UInt128 Mask(int prefixLength) =>
        prefixLength == 0 ? UInt128.Zero : (UInt128.MaxValue << (128 - prefixLength)) >> (128 - Bits);

    /// <inheritdoc />
    public int CompareTo(IpValue other) => IsV4 != other.IsV4 ? IsV4.CompareTo(other.IsV4) : Value.CompareTo(other.Value);

    /// <summary>Go's <c>net.IP.String()</c>: dotted IPv4, RFC 5952 IPv6 (the host-local file names).</summary>
    public override string ToString()
    {
        if (IsV4)
            return ToIPAddress().ToString();
        Span<ushort> groups = stackalloc ushort[8];
        for (var i = 0; i < 8; i++)
            groups[i] = (ushort)(Value >> (112 - 16 * i));
        // Longest run of zero groups, first one wins; a single zero group is not compressed (RFC 5952 4.2.2).
        int bestStart = -1, bestLength = 0;
        for (var i = 0; i < 8;)
        {
            if (groups[i] != 0)
            {
                i++;
                continue;
            }
            var j = i;
            while (j < 8 && groups[j] == 0)
                j++;
            if (j - i > bestLength)
                (bestStart, bestLength) = (i, j - i);
            i = j;
        }
        if (bestLength < 2)
            bestStart = -1;
        var text = new StringBuilder(39);
        for (var i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                text.Append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.Length > 0 && text[^1] != ':')
                text.Append(':');
            text.Append(groups[i].ToString("x", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
