using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Sandbox;

/// <summary>A link as the kernel reports it.</summary>
public sealed record LinkView(string Name, string? Mac, bool Up, string? Kind, IReadOnlyList<string> Addresses);

/// <summary>A route as the kernel reports it (<c>dst</c> "default" is normalised to 0.0.0.0/0 or ::/0).</summary>
public sealed record RouteView(string Dst, string? Gateway, string? Dev, string? Table);

/// <summary>
/// What a namespace really has (links with MACs and addresses, routes), read with one <c>ip -j -batch</c>, so
/// that checks can compare a plugin's result with reality (the result must describe what the plugin did).
/// </summary>
public sealed record NetnsView(IReadOnlyList<LinkView> Links, IReadOnlyList<RouteView> Routes)
{
    public LinkView? Link(string name) => Links.FirstOrDefault(l => l.Name == name);

    public static async Task<NetnsView> ReadAsync(string netnsPath, CancellationToken ct = default)
    {
        var json = await HelperCommand.RunCheckedAsync(netnsPath, "ip", ["-d", "-j", "-batch", "-"], "link show\naddr show\nroute show table all\n", ct);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions { AllowMultipleValues = true });
        var arrays = new List<JsonArray>();
        while (reader.Read())
        {
            if (JsonNode.Parse(ref reader) is JsonArray a)
            {
                arrays.Add(a);
            }
        }

        var addresses = arrays.ElementAtOrDefault(1)?.OfType<JsonObject>().ToDictionary(
            l => Str(l, "ifname") ?? "",
            l => (IReadOnlyList<string>)[.. (l["addr_info"] as JsonArray ?? []).OfType<JsonObject>().Select(a => $"{Str(a, "local")}/{a["prefixlen"]}")])
            ?? [];
        var links = (arrays.ElementAtOrDefault(0) ?? []).OfType<JsonObject>().Select(l => new LinkView(
            Str(l, "ifname") ?? "",
            Str(l, "address"),
            l["flags"] is JsonArray f && f.Any(x => x?.GetValue<string>() == "UP"),
            l["linkinfo"]?["info_kind"]?.GetValue<string>(),
            addresses.GetValueOrDefault(Str(l, "ifname") ?? "") ?? [])).ToList();
        var routes = (arrays.ElementAtOrDefault(2) ?? []).OfType<JsonObject>().Select(r =>
        {
            var dst = Str(r, "dst") ?? "";
            var gw = Str(r, "gateway");
            if (dst == "default")
            {
                dst = (gw ?? "").Contains(':') ? "::/0" : "0.0.0.0/0";
            }

            return new RouteView(dst, gw, Str(r, "dev"), Str(r, "table"));
        }).ToList();
        return new NetnsView(links, routes);
    }

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
