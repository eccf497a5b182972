using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Json;
using CniTest.PluginSdk.Versioning;

namespace CniTest.PluginSdk.Results;

/// <summary>
/// Reads a result of any version family into the 1.1.0-shaped <see cref="CniResult"/> (a prevResult, or a
/// delegated IPAM plugin's output). Unknown keys are ignored (§5.17); a missing <c>cniVersion</c> means the
/// request's version (§5.7). Malformed input is a decoding failure (code 6).
/// </summary>
public static class ResultReader
{
    private const uint Code = CniErrorCodes.DecodingFailure;

    /// <summary>Parses result bytes.</summary>
    public static CniResult Parse(ReadOnlySpan<byte> json, string fallbackVersion)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new CniPluginException(Code, $"failed to decode result: {ex.Message}");
        }
        return node is JsonObject obj ? Read(obj, fallbackVersion) : throw new CniPluginException(Code, "result is not a JSON object");
    }

    /// <summary>Reads a result object; its own <c>cniVersion</c> picks the family.</summary>
    public static CniResult Read(JsonObject obj, string fallbackVersion)
    {
        var version = ConfigReader.String(obj, "cniVersion", "cniVersion", Code);
        version = string.IsNullOrEmpty(version) ? fallbackVersion : version;
        return CniVersions.FamilyOf(version) == ResultFamily.V020 ? ReadV020(obj) : ReadCurrent(obj);
    }

    private static CniResult ReadCurrent(JsonObject obj)
    {
        var interfaces = new List<CniInterface>();
        foreach (var (item, path) in Objects(obj, "interfaces"))
        {
            interfaces.Add(new CniInterface(ConfigReader.String(item, "name", path + ".name", Code) ?? "")
            {
                Mac = ConfigReader.String(item, "mac", path + ".mac", Code),
                Mtu = ConfigReader.UInt(item, "mtu", path + ".mtu", Code),
                Sandbox = ConfigReader.String(item, "sandbox", path + ".sandbox", Code),
                SocketPath = ConfigReader.String(item, "socketPath", path + ".socketPath", Code),
                PciId = ConfigReader.String(item, "pciID", path + ".pciID", Code),
            });
        }
        var ips = new List<CniIpConfig>();
        foreach (var (item, path) in Objects(obj, "ips"))
        {
            var address = ConfigReader.Cidr(item, "address", path + ".address", Code)
                ?? throw new CniPluginException(Code, $"\"{path}.address\" is missing");
            var index = item["interface"] is null ? (int?)null : (int)ConfigReader.UInt(item, "interface", path + ".interface", Code)!.Value;
            ips.Add(new CniIpConfig(address) { Gateway = ConfigReader.Ip(item, "gateway", path + ".gateway", Code), Interface = index });
        }
        return new CniResult
        {
            Interfaces = interfaces,
            Ips = ips,
            Routes = ReadRoutes(obj, "routes"),
            Dns = ReadDns(obj),
        };
    }

    private static CniResult ReadV020(JsonObject obj)
    {
        var ips = new List<CniIpConfig>();
        var routes = new List<CniRoute>();
        foreach (var family in (string[])["ip4", "ip6"])
        {
            var block = ConfigReader.Object(obj, family, family, Code);
            if (block is null)
                continue;
            var address = ConfigReader.Cidr(block, "ip", family + ".ip", Code)
                ?? throw new CniPluginException(Code, $"\"{family}.ip\" is missing");
            ips.Add(new CniIpConfig(address) { Gateway = ConfigReader.Ip(block, "gateway", family + ".gateway", Code) });
            routes.AddRange(ReadRoutes(block, "routes", family + "."));
        }
        return new CniResult { Ips = ips, Routes = routes, Dns = ReadDns(obj) };
    }

    /// <summary>Reads a <c>routes</c> array (also used for IPAM configuration, whose routes have the same shape).</summary>
    public static List<CniRoute> ReadRoutes(JsonObject obj, string key, string prefix = "", uint code = Code)
    {
        var routes = new List<CniRoute>();
        foreach (var (item, path) in Objects(obj, key, prefix, code))
        {
            var dst = ConfigReader.Cidr(item, "dst", path + ".dst", code)
                ?? throw new CniPluginException(code, $"\"{path}.dst\" is missing");
            routes.Add(new CniRoute(dst)
            {
                Gw = ConfigReader.Ip(item, "gw", path + ".gw", code),
                Mtu = ConfigReader.UInt(item, "mtu", path + ".mtu", code),
                AdvMss = ConfigReader.UInt(item, "advmss", path + ".advmss", code),
                Priority = ConfigReader.UInt(item, "priority", path + ".priority", code),
                Table = ConfigReader.UInt(item, "table", path + ".table", code),
                Scope = ConfigReader.UInt(item, "scope", path + ".scope", code),
            });
        }
        return routes;
    }

    private static CniDns ReadDns(JsonObject obj)
    {
        var dns = ConfigReader.Object(obj, "dns", "dns", Code);
        if (dns is null)
            return CniDns.Empty;
        return new CniDns
        {
            Nameservers = ConfigReader.Strings(dns, "nameservers", "dns.nameservers", Code),
            Domain = ConfigReader.String(dns, "domain", "dns.domain", Code) is { Length: > 0 } domain ? domain : null,
            Search = ConfigReader.Strings(dns, "search", "dns.search", Code),
            Options = ConfigReader.Strings(dns, "options", "dns.options", Code),
        };
    }

    private static IEnumerable<(JsonObject Item, string Path)> Objects(JsonObject obj, string key, string prefix = "", uint code = Code)
    {
        var array = ConfigReader.Array(obj, key, prefix + key, code);
        if (array is null)
            yield break;
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{prefix}{key}[{i}]";
            yield return array[i] is JsonObject item ? (item, path) : throw ConfigReader.Invalid(path, array[i], "an object", code);
        }
    }
}
