using System.Net;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V020;

/// <summary>The <c>ip4</c> or <c>ip6</c> object of a 0.1.0/0.2.0 result (checklist §3.4).</summary>
public sealed record IPConfig020
{
    /// <summary><c>ip</c>, host bits kept.</summary>
    public required Cidr IP { get; init; }

    public IPAddress? Gateway { get; init; }
    public IReadOnlyList<Route020> Routes { get; init; } = [];

    public JsonObject ToJson()
    {
        var o = new JsonObject { ["ip"] = IP.ToString() };
        ResultJson.AddIfPresent(o, "gateway", Gateway);
        ResultJson.AddIfAny(o, "routes", Routes, r => r.ToJson());
        return o;
    }

    internal static IPConfig020 FromJson(JsonObject o, string path) => new()
    {
        IP = ResultJson.Cidr(o, "ip", path),
        Gateway = ResultJson.IP(o, "gateway", path),
        Routes = ResultJson.Objects(o, "routes", path, Route020.FromJson),
    };
}
