using System.Net;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V020;

/// <summary>A route inside <c>ip4</c>/<c>ip6</c> of a 0.1.0/0.2.0 result: only <c>dst</c> and <c>gw</c> (checklist §3.4).</summary>
public sealed record Route020
{
    /// <summary><c>dst</c>: the destination network.</summary>
    public required Cidr Dst { get; init; }

    /// <summary><c>gw</c>; when absent a default gateway is assumed (spec 0.2.0).</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Go's key order: dst, gw.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["dst"] = Dst.ToString() };
        ResultJson.AddIfPresent(o, "gw", Gateway);
        return o;
    }

    internal static Route020 FromJson(JsonObject o, string path) => new()
    {
        Dst = ResultJson.Cidr(o, "dst", path),
        Gateway = ResultJson.IP(o, "gw", path),
    };
}
