using CniTest.Ipam.Net;
using CniTest.PluginSdk.Results;

namespace CniTest.Ipam.Config;

/// <summary>The decoded <c>ipam</c> section plus what the request adds (host-local <c>allocator.IPAMConfig</c>).</summary>
public sealed record IpamConfig
{
    /// <summary>host-local's default data directory.</summary>
    public const string DefaultDataDir = "/var/lib/cni/networks";

    /// <summary>The network name (top-level <c>name</c>): the sub-directory of <see cref="DataDir"/>.</summary>
    public required string Name { get; init; }

    /// <summary>Where reservations live; <c>&lt;DataDir&gt;/&lt;Name&gt;/&lt;ip&gt;</c>.</summary>
    public string DataDir { get; init; } = DefaultDataDir;

    /// <summary>A resolv.conf whose settings become the result's <c>dns</c>; null for none.</summary>
    public string? ResolvConf { get; init; }

    /// <summary>Routes copied into the result.</summary>
    public IReadOnlyList<CniRoute> Routes { get; init; } = [];

    /// <summary>The range sets, in order; index <c>i</c> keeps its cursor in <c>last_reserved_ip.i</c>.</summary>
    public required IReadOnlyList<RangeSet> RangeSets { get; init; }

    /// <summary>Specific addresses requested (CNI_ARGS <c>IP</c>, <c>args.cni.ips</c>, <c>runtimeConfig.ips</c>).</summary>
    public IReadOnlyList<IpValue> RequestedIps { get; init; } = [];

    /// <summary>The network's reservation directory.</summary>
    public string NetworkDir => Path.Combine(DataDir, Name);
}
