using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V040;

/// <summary>A 0.3.0, 0.3.1 or 0.4.0 ADD result (R41, checklist §3.4).</summary>
public sealed record Result040 : ICniResult
{
    /// <summary>"0.3.0", "0.3.1" or "0.4.0"; an empty one is taken as 0.4.0 before converting (R43).</summary>
    public required string CniVersion { get; init; }

    /// <summary><c>interfaces</c>: the interfaces the plugin created or touched, referenced by index from IPs.</summary>
    public IReadOnlyList<Interface040> Interfaces { get; init; } = [];

    /// <summary><c>ips</c>: the assigned addresses.</summary>
    public IReadOnlyList<IPConfig040> IPs { get; init; } = [];

    /// <summary><c>routes</c>: the routes added; the shared route type keeps 1.1 fields (R42).</summary>
    public IReadOnlyList<Route> Routes { get; init; } = [];

    /// <summary><c>dns</c>; <see cref="Dns.Empty"/> when absent.</summary>
    public Dns Dns { get; init; } = Dns.Empty;

    /// <summary>
    /// Converts through the converter table (R42): within 0.3.x/0.4.0 only the version changes; down to 0.2.0
    /// fails when no IP has version "4" or "6".
    /// </summary>
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
