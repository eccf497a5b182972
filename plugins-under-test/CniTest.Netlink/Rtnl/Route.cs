using System.Net;
using System.Net.Sockets;

namespace CniTest.Netlink.Rtnl;

/// <summary>A route as RTM_NEWROUTE describes it (single next hop; multipath routes are not modelled).</summary>
public sealed record Route
{
    /// <summary>RT_TABLE_MAIN: where <c>ip route</c> adds and lists by default.</summary>
    public const uint MainTable = 254;

    /// <summary>RT_TABLE_LOCAL: the kernel's local and broadcast routes.</summary>
    public const uint LocalTable = 255;

    /// <summary>InterNetwork or InterNetworkV6.</summary>
    public required AddressFamily Family { get; init; }

    /// <summary>RTA_DST/rtm_dst_len; 0.0.0.0/0 or ::/0 for a default route.</summary>
    public required IPNetwork Destination { get; init; }

    /// <summary>RTA_GATEWAY; null for a directly connected route.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>RTA_OIF.</summary>
    public int? OutputIndex { get; init; }

    /// <summary>RTA_TABLE, or rtm_table when the kernel sent no RTA_TABLE.</summary>
    public uint Table { get; init; }

    /// <summary>rtm_scope.</summary>
    public Scope Scope { get; init; }

    /// <summary>rtm_protocol: 2 (RTPROT_KERNEL) for routes the kernel made from addresses, 3 (RTPROT_BOOT) for ours and iproute2's.</summary>
    public byte Protocol { get; init; }

    /// <summary>RTA_PRIORITY ("metric").</summary>
    public uint? Metric { get; init; }

    /// <summary>RTA_PREFSRC ("src").</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>rtm_type: 1 (RTN_UNICAST) for ordinary routes.</summary>
    public byte Type { get; init; }
}
