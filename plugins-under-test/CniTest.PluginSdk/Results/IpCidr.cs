using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CniTest.PluginSdk.Results;

/// <summary>
/// An address with a prefix length, host bits preserved (<c>10.1.0.5/16</c>; checklist §3 "CIDR").
/// <see cref="IPNetwork"/> rejects host bits, so results need their own type.
/// </summary>
public readonly record struct IpCidr(IPAddress Address, int PrefixLength)
{
    /// <summary>True for IPv4 addresses, including IPv4-mapped IPv6 ones (Go <c>To4() != nil</c>).</summary>
    public bool IsIPv4 => Address.AddressFamily == AddressFamily.InterNetwork || Address.IsIPv4MappedToIPv6;

    /// <summary>Parses <c>address/prefix</c>; the prefix must fit the address family.</summary>
    public static bool TryParse(string? text, out IpCidr cidr)
    {
        cidr = default;
        var slash = text?.IndexOf('/') ?? -1;
        if (slash <= 0 || !IPAddress.TryParse(text.AsSpan(0, slash), out var address))
            return false;
        var prefixText = text.AsSpan(slash + 1);
        if (prefixText.Length is 0 or > 3 || prefixText.ContainsAnyExceptInRange('0', '9'))
            return false;
        var prefix = int.Parse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture);
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > bits)
            return false;
        cidr = new IpCidr(address, prefix);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static IpCidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"invalid CIDR address: {text}");

    /// <inheritdoc />
    public override string ToString() => $"{Address}/{PrefixLength.ToString(CultureInfo.InvariantCulture)}";
}
