using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Sandbox;

/// <summary>A link as the kernel reports it.</summary>
public sealed record LinkView(string Name, string? Mac, bool Up, string? Kind, IReadOnlyList<string> Addresses)
{
    /// <summary>The link this one is enslaved to (a bridge port's bridge), if any.</summary>
    public string? Master { get; init; }

    /// <summary>iproute2's <c>link_type</c> ("ether", "loopback"): what the link is when it has no <see cref="Kind"/>.</summary>
    public string LinkType { get; init; } = "";

    /// <summary>The link's MTU.</summary>
    public int Mtu { get; init; }

    /// <summary>The interface flags as iproute2 names them (UP, LOWER_UP, PROMISC, …).</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>For a bridge port, whether hairpin mode is on; null for any other link.</summary>
    public bool? Hairpin { get; init; }
}

/// <summary>An address as the kernel reports it: its link, "address/prefix" and scope (global, link, host).</summary>
public sealed record AddressView(string Link, string Cidr, string Scope);

/// <summary>A route as the kernel reports it (<c>dst</c> "default" is normalised to 0.0.0.0/0 or ::/0).</summary>
public sealed record RouteView(string Dst, string? Gateway, string? Dev, string? Table)
{
    /// <summary>True when iproute2 printed <c>default</c> (a zero-length prefix), which <see cref="Dst"/> spells by family.</summary>
    public bool IsDefault { get; init; }

    /// <summary>The route type (unicast, local, broadcast, multicast, …).</summary>
    public string? Type { get; init; }

    /// <summary>Who made the route (kernel, boot, static, …).</summary>
    public string? Protocol { get; init; }

    /// <summary>The route scope (link, host, global).</summary>
    public string? Scope { get; init; }

    /// <summary>The route metric (priority), when the kernel reports one.</summary>
    public long? Metric { get; init; }
}

/// <summary>
/// What a namespace really has (links with MACs and addresses, every address with its scope, routes of every
/// table), read with one <c>ip -d -j -batch</c>, so that checks can compare a plugin's result with reality (the result
/// must describe what the plugin did). The one reading of a namespace's links, addresses and routes: the leak diff
/// (<see cref="StateSnapshot"/>) and the tests' link, address and route assertions are built on it.
/// </summary>
public sealed record NetnsView(IReadOnlyList<LinkView> Links, IReadOnlyList<RouteView> Routes)
{
    private const string Batch = "link show\naddr show\nroute show table all\n";

    /// <summary>Every address of every link, with its scope (link-local and loopback ones included).</summary>
    public IReadOnlyList<AddressView> Addresses { get; init; } = [];

    /// <summary>The link names, in the kernel's order.</summary>
    public IReadOnlyList<string> LinkNames => [.. Links.Select(l => l.Name)];

    /// <summary>
    /// "ifname address/prefix" for every address someone configured: neither link-scoped (IPv6 link-local) nor
    /// host-scoped (the loopback addresses the kernel sets when <c>lo</c> goes up).
    /// </summary>
    public IReadOnlyList<string> GlobalAddresses =>
        [.. Addresses.Where(a => a.Scope is not ("link" or "host")).Select(a => $"{a.Link} {a.Cidr}")];

    /// <summary>The link named <paramref name="name"/>, or null.</summary>
    public LinkView? Link(string name) => Links.FirstOrDefault(l => l.Name == name);

    /// <summary>Reads the namespace at <paramref name="netnsPath"/>; null reads this process's own.</summary>
    /// <exception cref="SandboxCommandException">ip failed.</exception>
    public static async Task<NetnsView> ReadAsync(string? netnsPath, CancellationToken ct = default) =>
        Parse(await HelperCommand.RunCheckedAsync(netnsPath, "ip", ["-d", "-j", "-batch", "-"], Batch, ct));

    /// <summary>Builds the view from the three JSON arrays <c>ip -d -j -batch</c> prints for link, addr and route.</summary>
    internal static NetnsView Parse(string batchJson)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(batchJson), new JsonReaderOptions { AllowMultipleValues = true });
        var arrays = new List<JsonArray>();
        while (reader.Read())
        {
            if (JsonNode.Parse(ref reader) is JsonArray a)
            {
                arrays.Add(a);
            }
        }

        if (arrays.Count < 3)
        {
            throw new SandboxCommandException($"unexpected output from ip -j -batch: {arrays.Count} JSON arrays");
        }

        var addresses = arrays[1].OfType<JsonObject>()
            .SelectMany(l => (l["addr_info"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(a => new AddressView(Str(l, "ifname") ?? "", $"{Str(a, "local")}/{a["prefixlen"]}", Str(a, "scope") ?? "")))
            .ToList();
        var links = arrays[0].OfType<JsonObject>().Select(l =>
        {
            var name = Str(l, "ifname") ?? "";
            var flags = (l["flags"] as JsonArray ?? []).Select(f => f?.GetValue<string>()).OfType<string>().ToList();
            return new LinkView(name, Str(l, "address"), flags.Contains("UP"), l["linkinfo"]?["info_kind"]?.GetValue<string>(),
                [.. addresses.Where(a => a.Link == name).Select(a => a.Cidr)])
            {
                Master = Str(l, "master"),
                LinkType = Str(l, "link_type") ?? "",
                Mtu = l["mtu"]?.GetValue<int>() ?? 0,
                Flags = flags,
                Hairpin = l["linkinfo"]?["info_slave_data"]?["hairpin"]?.GetValue<bool>(),
            };
        }).ToList();
        var routes = arrays[2].OfType<JsonObject>().Select(r =>
        {
            var dst = Str(r, "dst") ?? "";
            var gw = Str(r, "gateway");
            var isDefault = dst == "default";
            if (isDefault)
            {
                dst = (gw ?? "").Contains(':') ? "::/0" : "0.0.0.0/0";
            }

            return new RouteView(dst, gw, Str(r, "dev"), Str(r, "table"))
            {
                IsDefault = isDefault,
                Type = Str(r, "type"),
                Protocol = Str(r, "protocol"),
                Scope = Str(r, "scope"),
                Metric = r["metric"] is JsonValue m && m.TryGetValue<long>(out var metric) ? metric : null,
            };
        }).ToList();
        return new NetnsView(links, routes) { Addresses = addresses };
    }

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
