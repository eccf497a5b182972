using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CniTest.Harness.Results;

/// <summary>
/// An address with a prefix length, as results carry it (<c>address</c>, <c>ip</c>, <c>dst</c>; R44). Host bits
/// are kept: <c>10.0.0.2/24</c> stays <c>10.0.0.2/24</c>, like Go's <c>types.ParseCIDR</c>.
/// </summary>
/// <param name="Address">The address, host bits and all.</param>
/// <param name="PrefixLength">The prefix length: 0–32 for IPv4, 0–128 for IPv6.</param>
public readonly record struct Cidr(IPAddress Address, int PrefixLength)
{
    /// <summary>Parses "address/prefix" strictly: IPv4 or IPv6 text, a decimal prefix within the family's range.</summary>
    public static bool TryParse(string? text, out Cidr cidr)
    {
        cidr = default;
        var slash = text?.IndexOf('/') ?? -1;
        if (slash < 0)
        {
            return false;
        }

        var prefixText = text![(slash + 1)..];
        if (!IPText.TryParse(text[..slash], out var address)
            || prefixText.Length is 0 or > 3
            || !prefixText.All(char.IsAsciiDigit))
        {
            return false;
        }

        var prefix = int.Parse(prefixText, CultureInfo.InvariantCulture);
        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > maxPrefix)
        {
            return false;
        }

        cidr = new Cidr(address, prefix);
        return true;
    }

    /// <inheritdoc cref="TryParse"/>
    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"\"{text}\" is not a CIDR");

    /// <summary>True when the address is IPv4 or IPv4-mapped IPv6 (how Go picks the family, R42).</summary>
    public bool IsIPv4 => IPText.IsIPv4(Address);

    /// <summary>
    /// Go's <c>IPNet.String()</c> of a <c>types.ParseCIDR</c> value, the form libcni re-encodes results in (R31):
    /// an IPv4-mapped address prints as IPv4 with its prefix shortened by 96 bits (never below 0).
    /// </summary>
    public override string ToString() => Address.IsIPv4MappedToIPv6
        ? $"{IPText.Format(Address)}/{Math.Max(0, PrefixLength - 96)}"
        : $"{IPText.Format(Address)}/{PrefixLength}";
}
