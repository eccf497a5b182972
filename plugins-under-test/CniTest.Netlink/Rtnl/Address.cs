using System.Net;
using System.Net.Sockets;

namespace CniTest.Netlink.Rtnl;

/// <summary>An interface address as RTM_NEWADDR describes it.</summary>
public sealed record Address
{
    /// <summary>ifa_index: the link the address is on.</summary>
    public required int LinkIndex { get; init; }

    /// <summary>The local address (IFA_LOCAL for IPv4, IFA_ADDRESS for IPv6).</summary>
    public required IPAddress IP { get; init; }

    /// <summary>ifa_prefixlen.</summary>
    public required int PrefixLength { get; init; }

    /// <summary>InterNetwork or InterNetworkV6.</summary>
    public AddressFamily Family => IP.AddressFamily;

    /// <summary>ifa_scope.</summary>
    public Scope Scope { get; init; }

    /// <summary>IFA_FLAGS (or ifa_flags on old kernels): IFA_F_PERMANENT, IFA_F_TENTATIVE, …</summary>
    public uint Flags { get; init; }

    /// <summary>IFA_LABEL (IPv4 only).</summary>
    public string? Label { get; init; }

    /// <summary>IFA_BROADCAST (IPv4 only).</summary>
    public IPAddress? Broadcast { get; init; }

    /// <summary>"10.1.2.3/24".</summary>
    public override string ToString() => $"{IP}/{PrefixLength}";
}
