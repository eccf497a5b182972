using System.Net;
using System.Net.Sockets;
using static CniTest.Netlink.Wire.AddressConstants;

namespace CniTest.Netlink.Rtnl;

/// <summary>
/// Maps .NET's AddressFamily to the kernel's AF_* numbers. They differ (.NET InterNetworkV6 is 23, Linux AF_INET6
/// is 10), so a cast would silently send the wrong family.
/// </summary>
internal static class AddressFamilies
{
    internal static byte ToKernel(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => AF_INET,
        AddressFamily.InterNetworkV6 => AF_INET6,
        AddressFamily.Unspecified => AF_UNSPEC,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6 are supported"),
    };

    internal static byte ToKernel(IPAddress address) => ToKernel(address.AddressFamily);

    internal static AddressFamily FromKernel(byte family) => family switch
    {
        AF_INET => AddressFamily.InterNetwork,
        AF_INET6 => AddressFamily.InterNetworkV6,
        _ => AddressFamily.Unknown,
    };

    /// <summary>Bit length of the family's addresses: 32 or 128.</summary>
    internal static int BitLength(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 128 : 32;
}
