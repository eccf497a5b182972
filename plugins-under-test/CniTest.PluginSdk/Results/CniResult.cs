using System.Net;

namespace CniTest.PluginSdk.Results;

/// <summary>
/// An ADD result in the 1.1.0 shape (SPEC §5 "Success"; checklist §3.4). Plugins build this one model;
/// <see cref="ResultWriter"/> prints it in the request's version family.
/// </summary>
public sealed record CniResult
{
    /// <summary>Interfaces created or configured; empty for IPAM results (P24).</summary>
    public IReadOnlyList<CniInterface> Interfaces { get; init; } = [];

    /// <summary>Assigned addresses.</summary>
    public IReadOnlyList<CniIpConfig> Ips { get; init; } = [];

    /// <summary>Routes to install.</summary>
    public IReadOnlyList<CniRoute> Routes { get; init; } = [];

    /// <summary>DNS settings; <see cref="CniDns.Empty"/> when there are none.</summary>
    public CniDns Dns { get; init; } = CniDns.Empty;
}

/// <summary>One entry of <c>interfaces</c> (interface1x; <c>mtu</c>, <c>socketPath</c>, <c>pciID</c> are 1.1.0 only).</summary>
public sealed record CniInterface(string Name)
{
    /// <summary>The hardware address.</summary>
    public string? Mac { get; init; }

    /// <summary>The MTU (1.1.0).</summary>
    public uint? Mtu { get; init; }

    /// <summary><c>CNI_NETNS</c> for interfaces inside the container; null for host interfaces (P18).</summary>
    public string? Sandbox { get; init; }

    /// <summary>An absolute socket path (1.1.0).</summary>
    public string? SocketPath { get; init; }

    /// <summary>A PCI address (1.1.0).</summary>
    public string? PciId { get; init; }
}

/// <summary>One entry of <c>ips</c>.</summary>
public sealed record CniIpConfig(IpCidr Address)
{
    /// <summary>The default gateway of this subnet, if any.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Index into <see cref="CniResult.Interfaces"/>; absent is not 0, and IPAM results omit it (P17, P24).</summary>
    public int? Interface { get; init; }
}

/// <summary>One route (route1x; everything but <c>dst</c>/<c>gw</c> is 1.1.0 only).</summary>
public sealed record CniRoute(IpCidr Dst)
{
    /// <summary>The next hop; when absent a gateway from <c>ips</c> may be used.</summary>
    public IPAddress? Gw { get; init; }

    /// <summary>Route MTU (1.1.0).</summary>
    public uint? Mtu { get; init; }

    /// <summary>Advertised MSS (1.1.0).</summary>
    public uint? AdvMss { get; init; }

    /// <summary>Priority, lower is preferred (1.1.0).</summary>
    public uint? Priority { get; init; }

    /// <summary>Routing table (1.1.0).</summary>
    public uint? Table { get; init; }

    /// <summary>Scope: 0 global, 253 link, 254 host (1.1.0).</summary>
    public uint? Scope { get; init; }
}

/// <summary>The result <c>dns</c> object.</summary>
public sealed record CniDns
{
    /// <summary>No DNS settings.</summary>
    public static CniDns Empty { get; } = new();

    /// <summary>Name server addresses.</summary>
    public IReadOnlyList<string> Nameservers { get; init; } = [];

    /// <summary>The local domain.</summary>
    public string? Domain { get; init; }

    /// <summary>Search domains.</summary>
    public IReadOnlyList<string> Search { get; init; } = [];

    /// <summary>Resolver options.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>True when nothing is set (1.x results then omit <c>dns</c>, §5.15).</summary>
    public bool IsEmpty => Nameservers.Count == 0 && Domain is null && Search.Count == 0 && Options.Count == 0;
}
