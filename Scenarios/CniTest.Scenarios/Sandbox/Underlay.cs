using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// The link between two fake hosts acting as nodes (<c>--nodes 2</c>), and host-gw routing over it: each node
/// routes the other's pod ranges via the other's underlay address, as a flat L2 cluster network without overlay
/// does. Addresses come from the benchmark and ULA ranges, in the run's namespaces only.
/// </summary>
public static class Underlay
{
    /// <summary>The underlay link's name on both nodes.</summary>
    public const string Link = "cnitest-ul0";

    /// <summary>Node <paramref name="node"/>'s (1-based) underlay address in <paramref name="family"/>.</summary>
    public static IPAddress NodeAddress(int node, AddressFamily family) =>
        IPAddress.Parse(family == AddressFamily.InterNetworkV6 ? $"fd00:19::{node}" : $"198.19.0.{node}");

    /// <summary>Links the two nodes and routes each one's pod ranges to the other.</summary>
    public static async Task LinkAsync(FakeHost node1, IReadOnlyList<IPNetwork> ranges1, FakeHost node2, IReadOnlyList<IPNetwork> ranges2,
        CancellationToken ct = default)
    {
        await node1.IpBatchAsync($"link add {Link} type veth peer name {Link} netns {node2.NetnsPath}\n", ct);
        await node1.IpBatchAsync(Setup(1, ranges2, via: 2), ct);
        await node2.IpBatchAsync(Setup(2, ranges1, via: 1), ct);
    }

    private static string Setup(int self, IReadOnlyList<IPNetwork> otherRanges, int via)
    {
        var batch = new StringBuilder()
            .Append($"addr add {NodeAddress(self, AddressFamily.InterNetwork)}/24 dev {Link}\n")
            .Append($"addr add {NodeAddress(self, AddressFamily.InterNetworkV6)}/64 dev {Link} nodad\n")
            .Append($"link set {Link} up\n");
        foreach (var range in otherRanges)
        {
            batch.Append($"route add {range} via {NodeAddress(via, range.BaseAddress.AddressFamily)}\n");
        }

        return batch.ToString();
    }
}
