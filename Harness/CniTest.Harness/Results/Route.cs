using System.Net;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Results;

/// <summary>
/// A route of a 0.3.x/0.4.0 or 1.x result. Go shares one route type between those families, so the 1.1 fields
/// (<c>mtu</c>, <c>advmss</c>, <c>priority</c>, <c>table</c>, <c>scope</c>) survive in 0.4.0 results too (R42,
/// checklist §5.17).
/// </summary>
public sealed record Route
{
    /// <summary><c>dst</c>: the destination network.</summary>
    public required Cidr Dst { get; init; }

    /// <summary><c>gw</c>; when absent a gateway from <c>ips</c> may be used.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary><c>mtu</c>: the route's MTU (1.1).</summary>
    public int? Mtu { get; init; }

    /// <summary><c>advmss</c>: the MSS advertised to peers on this route (1.1).</summary>
    public int? AdvMss { get; init; }

    /// <summary><c>priority</c>: the route's metric; lower wins (1.1).</summary>
    public int? Priority { get; init; }

    /// <summary><c>table</c>: the routing table to add the route to (1.1).</summary>
    public int? Table { get; init; }

    /// <summary>0 global, 253 link, 254 host (1.1).</summary>
    public int? Scope { get; init; }

    /// <summary>
    /// Go's encoding: <c>mtu</c>/<c>advmss</c>/<c>priority</c> are plain ints with <c>omitempty</c>, so 0 is not
    /// written; <c>table</c>/<c>scope</c> are pointers, so 0 is kept (R31).
    /// </summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["dst"] = Dst.ToString() };
        ResultJson.AddIfPresent(o, "gw", Gateway);
        ResultJson.AddIfPresent(o, "mtu", Mtu is 0 ? null : Mtu);
        ResultJson.AddIfPresent(o, "advmss", AdvMss is 0 ? null : AdvMss);
        ResultJson.AddIfPresent(o, "priority", Priority is 0 ? null : Priority);
        ResultJson.AddIfPresent(o, "table", Table);
        ResultJson.AddIfPresent(o, "scope", Scope);
        return o;
    }

    internal static Route FromJson(JsonObject o, string path) => new()
    {
        Dst = ResultJson.Cidr(o, "dst", path),
        Gateway = ResultJson.IP(o, "gw", path),
        Mtu = ResultJson.Int(o, "mtu", path),
        AdvMss = ResultJson.Int(o, "advmss", path),
        Priority = ResultJson.Int(o, "priority", path),
        Table = ResultJson.Int(o, "table", path),
        Scope = ResultJson.Int(o, "scope", path),
    };
}
