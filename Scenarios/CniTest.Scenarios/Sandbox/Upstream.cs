using System.Net;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// The outside world of a fake host: a namespace beyond it on a veth link, where the fake host's default routes
/// point and which routes the private pod ranges back to the fake host (as a datacenter router would). Egress and
/// host-port checks send traffic here; nothing leaves the namespaces the run created.
/// </summary>
public sealed class Upstream
{
    /// <summary>The link between the fake host and upstream (both ends use documentation/benchmark ranges).</summary>
    public const string HostLink = "cnitest-up0";

    private Upstream(ContainerSandbox ns) => Namespace = ns;

    /// <summary>The upstream namespace (removed with its fake host).</summary>
    public ContainerSandbox Namespace { get; }

    /// <summary>Upstream's own address, IPv4 (RFC 2544 benchmark range, never routed on real networks).</summary>
    public static IPAddress Address4 { get; } = IPAddress.Parse("198.18.0.2");

    /// <summary>Upstream's own address, IPv6 (a ULA).</summary>
    public static IPAddress Address6 { get; } = IPAddress.Parse("fd00:18::2");

    /// <summary>The fake host's address on the link, IPv4: what a masqueraded pod's traffic comes from.</summary>
    public static IPAddress HostAddress4 { get; } = IPAddress.Parse("198.18.0.1");

    /// <summary>The fake host's address on the link, IPv6.</summary>
    public static IPAddress HostAddress6 { get; } = IPAddress.Parse("fd00:18::1");

    /// <summary>Upstream's address in the family of <paramref name="like"/>.</summary>
    public static IPAddress AddressFor(IPAddress like) => like.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Address6 : Address4;

    /// <summary>The fake host's link address in the family of <paramref name="like"/>.</summary>
    public static IPAddress HostAddressFor(IPAddress like) => like.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? HostAddress6 : HostAddress4;

    /// <summary>Creates upstream beside <paramref name="host"/>, links them and sets the routes both ways.</summary>
    public static async Task<Upstream> AttachAsync(FakeHost host, CancellationToken ct = default)
    {
        var ns = host.NewSandbox("upstream");
        if (Model.IpFamilies.KernelSupportsIpv6)
        {
            // With --sandbox docker upstream is a container, and Docker turns IPv6 off in one without an IPv6 network
            // (disable_ipv6=1 for all and default); upstream is the harness's router, not a pod, so it gets it back.
            NetSysctl.Write(ns.Path, [("ipv6/conf/all/disable_ipv6", "0"), ("ipv6/conf/default/disable_ipv6", "0")]);
        }

        await host.IpBatchAsync($"""
            link add {HostLink} type veth peer name up0 netns {ns.Path}
            addr add {HostAddress4}/30 dev {HostLink}
            addr add {HostAddress6}/64 dev {HostLink} nodad
            link set {HostLink} up
            route add default via {Address4}
            route add ::/0 via {Address6}
            """, ct);
        await ns.IpBatchAsync($"""
            link set lo up
            addr add {Address4}/30 dev up0
            addr add {Address6}/64 dev up0 nodad
            link set up0 up
            route add 10.0.0.0/8 via {HostAddress4}
            route add fd00::/8 via {HostAddress6}
            """, ct);
        return new Upstream(ns);
    }
}
