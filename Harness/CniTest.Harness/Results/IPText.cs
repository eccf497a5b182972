using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace CniTest.Harness.Results;

/// <summary>
/// Strict IP address text parsing, as Go's <c>net.ParseIP</c> does it (R44): dotted-quad IPv4 with no leading
/// zeros, or IPv6 without zone or brackets. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> alone is
/// too lenient ("10", "0x0a.1", "fe80::1%eth0" all parse).
/// </summary>
internal static class IPText
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Contains(':'))
        {
            return text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.')
                && IPAddress.TryParse(text, out address)
                && address.AddressFamily == AddressFamily.InterNetworkV6;
        }

        return IsDottedQuad(text) && IPAddress.TryParse(text, out address);
    }

    /// <summary>True for IPv4 and IPv4-mapped IPv6 addresses (Go's <c>To4() != nil</c>, R42).</summary>
    public static bool IsIPv4(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6;

    /// <summary>
    /// Go's <c>net.IP.String()</c>, the text libcni re-encodes results with (R31): dotted quad for IPv4 and for
    /// IPv4-mapped IPv6 (<c>::ffff:10.1.2.3</c> → <c>10.1.2.3</c>), otherwise RFC 5952 hex without an embedded
    /// IPv4 part (<c>::10.1.2.3</c> → <c>::a01:203</c>). .NET's own text differs only in those embedded forms.
    /// </summary>
    public static string Format(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        var text = address.ToString();
        return address.AddressFamily == AddressFamily.InterNetworkV6 && text.Contains('.')
            ? FormatHex(address.GetAddressBytes())
            : text;
    }

    /// <summary>Eight hex groups; the first longest run of two or more zero groups becomes "::" (as Go does).</summary>
    private static string FormatHex(byte[] bytes)
    {
        var groups = Enumerable.Range(0, 8).Select(i => (bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToArray();
        int bestStart = -1, bestLength = 1;
        for (var i = 0; i < 8; i++)
        {
            var length = 0;
            while (i + length < 8 && groups[i + length] == 0)
            {
                length++;
            }

            if (length > bestLength)
            {
                (bestStart, bestLength) = (i, length);
            }
        }

        string Hex(IEnumerable<int> part) => string.Join(':', part.Select(g => g.ToString("x", System.Globalization.CultureInfo.InvariantCulture)));
        return bestStart < 0
            ? Hex(groups)
            : $"{Hex(groups[..bestStart])}::{Hex(groups[(bestStart + bestLength)..])}";
    }

    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(IsOctet);
    }

    private static bool IsOctet(string part) =>
        part.Length is >= 1 and <= 3
        && part.All(char.IsAsciiDigit)
        && (part.Length == 1 || part[0] != '0')
        && int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) <= 255;
}
