using System.Net;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V040;

/// <summary>An entry of <c>ips</c> in a 0.3.x/0.4.0 result (checklist §3.4).</summary>
public sealed record IPConfig040
{
    /// <summary>"4" or "6" as the plugin wrote it; down-conversion to 0.2.0 trusts this field, not the address (R42).</summary>
    public required string Version { get; init; }

    /// <summary>Index into <c>interfaces</c>; absent is not 0 (checklist §3.4).</summary>
    public int? Interface { get; init; }

    /// <summary><c>address</c>: the IP with its prefix length, host bits kept.</summary>
    public required Cidr Address { get; init; }

    /// <summary><c>gateway</c>, when the plugin gave one.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Go's key order: version, interface, address, gateway.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["version"] = Version };
        ResultJson.AddIfPresent(o, "interface", Interface);
        o["address"] = Address.ToString();
        ResultJson.AddIfPresent(o, "gateway", Gateway);
        return o;
    }

    internal static IPConfig040 FromJson(JsonObject o, string path) => new()
    {
        Version = ResultJson.String(o, "version", path) ?? "",
        Interface = ResultJson.Int(o, "interface", path),
        Address = ResultJson.Cidr(o, "address", path),
        Gateway = ResultJson.IP(o, "gateway", path),
    };
}
