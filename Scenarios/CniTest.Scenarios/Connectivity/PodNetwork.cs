using System.Net;
using System.Net.Sockets;
using CniTest.Harness.Results.V100;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Connectivity;

/// <summary>One address a pod got, with its gateway (from the result) and the interface it sits on.</summary>
/// <param name="Address">The pod's address.</param>
/// <param name="PrefixLength">Its prefix length.</param>
/// <param name="Gateway">The gateway the result names for it; null when none.</param>
public sealed record PodAddress(IPAddress Address, int PrefixLength, IPAddress? Gateway)
{
    /// <summary>"IPv4" or "IPv6".</summary>
    public string Family => Address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}

/// <summary>
/// What a pod's network is, read from its ADD result and its sandbox: its addresses per family, the interface and
/// its MTU, and whether its traffic leaves through the host (a veth whose peer is on the node: bridge- and
/// ptp-style) or straight onto the master's segment (macvlan- and ipvlan-style, where the node cannot reach it).
/// </summary>
/// <param name="Name">How messages call the pod ("pod 1").</param>
/// <param name="NetnsPath">The pod's network namespace.</param>
/// <param name="Interface">The pod's interface (<c>CNI_IFNAME</c>).</param>
/// <param name="Kind">The link kind of that interface (veth, macvlan, …).</param>
/// <param name="Mtu">Its MTU.</param>
/// <param name="Addresses">The addresses the result gives it, one or more per family.</param>
public sealed record PodNetwork(string Name, string NetnsPath, string Interface, string? Kind, int Mtu, IReadOnlyList<PodAddress> Addresses)
{
    /// <summary>True when the pod's traffic goes through a host-side interface (a veth), so the node can reach it.</summary>
    public bool ThroughHost => Kind == "veth";

    /// <summary>The pod as the sender or receiver of a probe, in the family of <paramref name="address"/>.</summary>
    public ProbeEndpoint At(PodAddress address) => new(Name, NetnsPath, address.Address);

    /// <summary>The pod's first address in <paramref name="family"/>'s family, or null.</summary>
    public PodAddress? InFamilyOf(PodAddress other) => Addresses.FirstOrDefault(a => a.Address.AddressFamily == other.Address.AddressFamily);

    /// <summary>Reads the pod behind an attachment: the result's addresses and the sandbox's link.</summary>
    public static async Task<PodNetwork> ReadAsync(string name, string netnsPath, string ifName, Result100 result, CancellationToken ct)
    {
        var view = await NetnsView.ReadAsync(netnsPath, ct);
        var link = view.Link(ifName);
        var podInterfaces = result.Interfaces.Select((iface, i) => (iface, i))
            .Where(x => x.iface.Sandbox is { Length: > 0 } || x.iface.Name == ifName).Select(x => x.i).ToHashSet();
        var addresses = result.IPs
            .Where(ip => ip.Interface is not { } index || podInterfaces.Count == 0 || podInterfaces.Contains(index))
            .Where(ip => !IPAddress.IsLoopback(ip.Address.Address))
            .Select(ip => new PodAddress(ip.Address.Address, ip.Address.PrefixLength, ip.Gateway))
            .ToList();
        return new PodNetwork(name, netnsPath, ifName, link?.Kind, link?.Mtu ?? 0, addresses);
    }
}
