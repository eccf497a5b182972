using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V100;

/// <summary>
/// A 1.0.0 or 1.1.0 ADD result (R41, checklist §3.4). The two versions share this type, as in Go; 1.1.0 is the
/// current form that <see cref="CniResultExtensions.ToCurrent"/> returns.
/// </summary>
public sealed record Result100 : ICniResult
{
    /// <summary>"1.0.0" or "1.1.0"; an empty one is taken as 1.1.0 before converting (R43).</summary>
    public required string CniVersion { get; init; }

    /// <summary><c>interfaces</c>: the interfaces the plugin created or touched, referenced by index from IPs.</summary>
    public IReadOnlyList<Interface100> Interfaces { get; init; } = [];

    /// <summary><c>ips</c>: the assigned addresses.</summary>
    public IReadOnlyList<IPConfig100> IPs { get; init; } = [];

    /// <summary><c>routes</c>: the routes added.</summary>
    public IReadOnlyList<Route> Routes { get; init; } = [];

    /// <summary><c>dns</c>; <see cref="Dns.Empty"/> when absent.</summary>
    public Dns Dns { get; init; } = Dns.Empty;

    /// <summary>
    /// Converts through the converter table (R42): 1.0.0 ↔ 1.1.0 changes only the version; down to 0.x computes
    /// <c>ips[].version</c> from the address and drops the 1.1 interface fields.
    /// </summary>
    public ICniResult ConvertTo(string version) => ResultConverter.Convert(this, version);

    /// <summary>Go's key order; an empty <c>dns</c> is omitted in this family only (checklist §5.15).</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["cniVersion"] = CniVersion };
        ResultJson.AddIfAny(o, "interfaces", Interfaces, i => i.ToJson());
        ResultJson.AddIfAny(o, "ips", IPs, ip => ip.ToJson());
        ResultJson.AddIfAny(o, "routes", Routes, r => r.ToJson());
        if (!Dns.IsEmpty)
        {
            o["dns"] = Dns.ToJson();
        }

        return o;
    }

    /// <summary>Reads a 1.x result; its <c>cniVersion</c> must be 1.0.0 or 1.1.0 (R44).</summary>
    public static Result100 FromJson(JsonObject json) => FromJson(json, ResultParser.VersionText(json["cniVersion"]) ?? "");

    internal static Result100 FromJson(JsonObject json, string cniVersion)
    {
        ResultFamilies.EnsureBelongs(ResultFamily.V100, cniVersion);
        return new Result100
        {
            CniVersion = cniVersion,
            Interfaces = ResultJson.Objects(json, "interfaces", "", Interface100.FromJson),
            IPs = ResultJson.Objects(json, "ips", "", IPConfig100.FromJson),
            Routes = ResultJson.Objects(json, "routes", "", Route.FromJson),
            Dns = Dns.FromJson(ResultJson.Object(json, "dns", ""), "dns"),
        };
    }
}
