using System.Net;
using System.Net.Sockets;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Network;

/// <summary>Address arithmetic the gateway logic needs (Go ip.NextIP, IP.Mask).</summary>
internal static class IpMath
{
    /// <summary>IPv4-mapped IPv6 addresses become plain IPv4, so the kernel sees AF_INET (Go's To4()).</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The same CIDR with a normalized address (a mapped /120 becomes a /24).</summary>
    public static IpCidr Normalize(IpCidr cidr) =>
        cidr.Address.IsIPv4MappedToIPv6 ? new IpCidr(cidr.Address.MapToIPv4(), Math.Max(0, cidr.PrefixLength - 96)) : cidr;

    public static bool IsV4(IPAddress address) => Normalize(address).AddressFamily == AddressFamily.InterNetwork;

    /// <summary>The address with its host bits cleared.</summary>
    public static IPAddress Network(IPAddress address, int prefixLength)
    {
        var bytes = Normalize(address).GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    /// <summary>The next address (wrapping at the end of the family's space, as Go's NextIP).</summary>
    public static IPAddress Next(IPAddress address)
    {
        var bytes = Normalize(address).GetAddressBytes();
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            if (++bytes[i] != 0)
            {
                break;
            }
        }

        return new IPAddress(bytes);
    }

    /// <summary>True when <paramref name="address"/> lies in <paramref name="network"/>'s prefix.</summary>
    public static bool Contains(IpCidr network, IPAddress address)
    {
        var n = Normalize(network);
        var a = Normalize(address);
        return n.Address.AddressFamily == a.AddressFamily && Network(n.Address, n.PrefixLength).Equals(Network(a, n.PrefixLength));
    }

    /// <summary>0.0.0.0/0 or ::/0 for the family of <paramref name="address"/>.</summary>
    public static IpCidr DefaultRoute(IPAddress address) =>
        IsV4(address) ? new IpCidr(IPAddress.Any, 0) : new IpCidr(IPAddress.IPv6Any, 0);
}
