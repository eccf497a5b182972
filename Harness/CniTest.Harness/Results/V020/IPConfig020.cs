using System.Net;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V020;

/// <summary>The <c>ip4</c> or <c>ip6</c> object of a 0.1.0/0.2.0 result (checklist §3.4).</summary>
public sealed record IPConfig020
{
    /// <summary><c>ip</c>, host bits kept.</summary>
    public required Cidr IP { get; init; }

    /// <summary><c>gateway</c>, when the plugin gave one.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary><c>routes</c> of this address family; up-conversion concatenates ip4's then ip6's (R42).</summary>
    public IReadOnlyList<Route020> Routes { get; init; } = [];

    /// <summary>Go's key order: ip, gateway, routes; absent members are omitted.</summary>
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
