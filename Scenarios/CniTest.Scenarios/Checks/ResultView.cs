using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CniTest.Harness.Results;
using CniTest.Harness.Results.V100;

namespace CniTest.Scenarios.Checks;

/// <summary>A plugin result read leniently as the current (1.1.0) shape, for comparisons with reality.</summary>
internal static class ResultView
{
    /// <summary>The result as 1.1.0, or null with the parse error when it cannot be read.</summary>
    public static Result100? Read(JsonObject? json, string version, out string? error)
    {
        error = null;
        if (json is null)
        {
            error = "no result";
            return null;
        }

        try
        {
            return ResultParser.Parse(json, version).ToCurrent();
        }
        catch (Harness.Errors.CniHarnessException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>The IP addresses (without prefix) a result hands out.</summary>
    public static IReadOnlyList<IPAddress> Addresses(Result100? result) => result is null ? [] : [.. result.IPs.Select(ip => ip.Address.Address)];

    /// <summary>
    /// False for addresses that every sandbox has by definition (loopback, link-local): those are not handed out
    /// from a shared pool, so two attachments having them is no conflict.
    /// </summary>
    public static bool IsPooled(IPAddress ip) => !IPAddress.IsLoopback(ip) && !ip.IsIPv6LinkLocal
        && !(ip.AddressFamily == AddressFamily.InterNetwork && ip.GetAddressBytes() is [169, 254, ..]);

    /// <summary>"address/prefix" in the kernel's text form (IPv6 compressed the same way as <c>ip</c> prints it).</summary>
    public static string Text(Cidr cidr) => $"{cidr.Address}/{cidr.PrefixLength}";

    /// <summary>True for an IPv6 address (IPv4-mapped ones count as IPv4, as the kernel sees them).</summary>
    public static bool IsIpv6(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6 && !ip.IsIPv4MappedToIPv6;

    /// <summary>
    /// True when the kernel's "address/prefix" strings hold <paramref name="cidr"/>, compared as addresses (so an
    /// IPv6 address written uncompressed or in capitals still matches what <c>ip</c> prints).
    /// </summary>
    public static bool Holds(IEnumerable<string> kernelCidrs, Cidr cidr) =>
        kernelCidrs.Any(k => Cidr.TryParse(k, out var c) && c.PrefixLength == cidr.PrefixLength && Same(c.Address, cidr.Address));

    /// <summary>True when the kernel's gateway text names the same address as <paramref name="gateway"/>.</summary>
    public static bool SameAddress(string? kernel, IPAddress gateway) =>
        IPAddress.TryParse(kernel, out var k) && Same(k, gateway);

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "nothing",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    private static bool Same(IPAddress a, IPAddress b) =>
        (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b);

    /// <summary>Normalises a kernel route destination ("10.0.0.1" means /32).</summary>
    public static string RouteDst(string dst) =>
        dst.Contains('/') ? dst : dst.Contains(':') ? dst + "/128" : dst + "/32";

    /// <summary>Route destinations compare by network: "10.99.0.5/24" equals "10.99.0.0/24".</summary>
    public static bool SameNetwork(string a, string b) =>
        IPNetwork.TryParse(Masked(a), out var na) && IPNetwork.TryParse(Masked(b), out var nb) && na.Equals(nb);

    private static string Masked(string cidr)
    {
        if (!Cidr.TryParse(RouteDst(cidr), out var c))
        {
            return cidr;
        }

        var bytes = c.Address.GetAddressBytes();
        for (var bit = c.PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return $"{new IPAddress(bytes)}/{c.PrefixLength}";
    }
}
