using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V040;

/// <summary>A 0.3.0, 0.3.1 or 0.4.0 ADD result (R41, checklist §3.4).</summary>
public sealed record Result040 : ICniResult
{
    public required string CniVersion { get; init; }
    public IReadOnlyList<Interface040> Interfaces { get; init; } = [];
    public IReadOnlyList<IPConfig040> IPs { get; init; } = [];
    public IReadOnlyList<Route> Routes { get; init; } = [];
    public Dns Dns { get; init; } = Dns.Empty;

    public ICniResult ConvertTo(string version) => ResultConverter.Convert(this, version);

    /// <summary>Go's key order; <c>"dns":{}</c> is always written for this family (checklist §5.15).</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["cniVersion"] = CniVersion };
        ResultJson.AddIfAny(o, "interfaces", Interfaces, i => i.ToJson());
        ResultJson.AddIfAny(o, "ips", IPs, ip => ip.ToJson());
        ResultJson.AddIfAny(o, "routes", Routes, r => r.ToJson());
        o["dns"] = Dns.ToJson();
        return o;
    }

    /// <summary>Reads a 0.3.x/0.4.0 result; its <c>cniVersion</c> must be one of those (R44).</summary>
    public static Result040 FromJson(JsonObject json) => FromJson(json, ResultParser.VersionText(json["cniVersion"]) ?? "");

    internal static Result040 FromJson(JsonObject json, string cniVersion)
    {
        ResultFamilies.EnsureBelongs(ResultFamily.V040, cniVersion);
        return new Result040
        {
            CniVersion = cniVersion,
            Interfaces = ResultJson.Objects(json, "interfaces", "", Interface040.FromJson),
            IPs = ResultJson.Objects(json, "ips", "", IPConfig040.FromJson),
            Routes = ResultJson.Objects(json, "routes", "", Route.FromJson),
            Dns = Dns.FromJson(ResultJson.Object(json, "dns", ""), "dns"),
        };
    }
}
