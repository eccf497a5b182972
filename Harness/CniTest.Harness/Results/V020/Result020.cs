using System.Text.Json.Nodes;

namespace CniTest.Harness.Results.V020;

/// <summary>A 0.1.0 or 0.2.0 ADD result: at most one IPv4 and one IPv6 config (R41, checklist §3.4).</summary>
public sealed record Result020 : ICniResult
{
    /// <summary>"0.1.0" or "0.2.0"; an empty one is taken as 0.2.0 before converting (R43).</summary>
    public required string CniVersion { get; init; }

    /// <summary><c>ip4</c>: the IPv4 config; down-conversion fills it from the first IP with version "4" (R42).</summary>
    public IPConfig020? IP4 { get; init; }

    /// <summary><c>ip6</c>: the IPv6 config; down-conversion fills it from the first IP with version "6" (R42).</summary>
    public IPConfig020? IP6 { get; init; }

    /// <summary><c>dns</c>; <see cref="Dns.Empty"/> when absent.</summary>
    public Dns Dns { get; init; } = Dns.Empty;

    /// <summary>Converts through the converter table (R42): 0.1.0 ↔ 0.2.0 changes only the version.</summary>
    public ICniResult ConvertTo(string version) => ResultConverter.Convert(this, version);

    /// <summary>Go's key order; <c>"dns":{}</c> is always written for this family (checklist §5.15).</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["cniVersion"] = CniVersion };
        if (IP4 is not null)
        {
            o["ip4"] = IP4.ToJson();
        }

        if (IP6 is not null)
        {
            o["ip6"] = IP6.ToJson();
        }

        o["dns"] = Dns.ToJson();
        return o;
    }

    /// <summary>Reads a 0.1.0/0.2.0 result; a missing <c>cniVersion</c> means 0.1.0 (R44).</summary>
    public static Result020 FromJson(JsonObject json) =>
        FromJson(json, ResultParser.VersionText(json["cniVersion"]) ?? "0.1.0");

    internal static Result020 FromJson(JsonObject json, string cniVersion)
    {
        ResultFamilies.EnsureBelongs(ResultFamily.V020, cniVersion);
        return new Result020
        {
            CniVersion = cniVersion,
            IP4 = ResultJson.Object(json, "ip4", "") is { } ip4 ? IPConfig020.FromJson(ip4, "ip4") : null,
            IP6 = ResultJson.Object(json, "ip6", "") is { } ip6 ? IPConfig020.FromJson(ip6, "ip6") : null,
            Dns = Dns.FromJson(ResultJson.Object(json, "dns", ""), "dns"),
        };
    }
}
