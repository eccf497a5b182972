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
