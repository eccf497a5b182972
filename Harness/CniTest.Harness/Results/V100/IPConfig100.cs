using System.Net;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V100;

/// <summary>
/// An entry of <c>ips</c> in a 1.x result: no <c>version</c> key (a <c>version</c> in input is unknown and dropped,
/// checklist Errata P16).
/// </summary>
public sealed record IPConfig100
{
    /// <summary>Index into <c>interfaces</c>; absent is not 0 (checklist §3.4).</summary>
    public int? Interface { get; init; }

    /// <summary><c>address</c>: the IP with its prefix length, host bits kept.</summary>
    public required Cidr Address { get; init; }

    /// <summary><c>gateway</c>, when the plugin gave one.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Go's key order: interface, address, gateway.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject();
        ResultJson.AddIfPresent(o, "interface", Interface);
        o["address"] = Address.ToString();
        ResultJson.AddIfPresent(o, "gateway", Gateway);
        return o;
    }

    internal static IPConfig100 FromJson(JsonObject o, string path) => new()
    {
        Interface = ResultJson.Int(o, "interface", path),
        Address = ResultJson.Cidr(o, "address", path),
        Gateway = ResultJson.IP(o, "gateway", path),
    };
}
