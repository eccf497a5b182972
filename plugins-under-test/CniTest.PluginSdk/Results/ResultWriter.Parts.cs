using System.Text.Json;

namespace CniTest.PluginSdk.Results;

public static partial class ResultWriter
{
    /// <summary>
    /// 0.1.0/0.2.0: the first IPv4 address becomes <c>ip4</c>, the first IPv6 one <c>ip6</c>; each route goes to the
    /// block of its destination's family (dropped if that block is absent); only <c>dst</c>/<c>gw</c> survive;
    /// no addresses at all is an error, as in Go's converter (R42, §5.16).
    /// </summary>
    private static void WriteV020(Utf8JsonWriter w, CniResult result, string cniVersion)
    {
        var ip4 = result.Ips.FirstOrDefault(ip => ip.Address.IsIPv4);
        var ip6 = result.Ips.FirstOrDefault(ip => !ip.Address.IsIPv4);
        if (ip4 is null && ip6 is null)
            ThrowNoAddresses();
        w.WriteStartObject();
        w.WriteString("cniVersion", cniVersion);
        if (ip4 is not null)
            WriteV020Block(w, "ip4", ip4, result.Routes.Where(r => r.Dst.IsIPv4));
        if (ip6 is not null)
            WriteV020Block(w, "ip6", ip6, result.Routes.Where(r => !r.Dst.IsIPv4));
        WriteDns(w, result.Dns);
        w.WriteEndObject();
    }

    private static void WriteV020Block(Utf8JsonWriter w, string name, CniIpConfig ip, IEnumerable<CniRoute> routes)
    {
        w.WriteStartObject(name);
        w.WriteString("ip", ip.Address.ToString());
        if (ip.Gateway is not null)
            w.WriteString("gateway", ip.Gateway.ToString());
        var list = routes.ToList();
        if (list.Count > 0)
        {
            w.WriteStartArray("routes");
            foreach (var route in list)
                WriteRoute(w, route, withV11Fields: false);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteRoutes(Utf8JsonWriter w, IReadOnlyList<CniRoute> routes, bool withV11Fields)
    {
        if (routes.Count == 0)
            return;
        w.WriteStartArray("routes");
        foreach (var route in routes)
            WriteRoute(w, route, withV11Fields);
        w.WriteEndArray();
    }

    private static void WriteRoute(Utf8JsonWriter w, CniRoute route, bool withV11Fields)
    {
        w.WriteStartObject();
        w.WriteString("dst", route.Dst.ToString());
        if (route.Gw is not null)
            w.WriteString("gw", route.Gw.ToString());
        if (withV11Fields)
        {
            WriteOptional(w, "mtu", route.Mtu);
            WriteOptional(w, "advmss", route.AdvMss);
            WriteOptional(w, "priority", route.Priority);
            WriteOptional(w, "table", route.Table);
            WriteOptional(w, "scope", route.Scope);
        }
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, uint? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
    }

    /// <summary>The <c>dns</c> object; keys only when set (Go <c>omitempty</c>).</summary>
    private static void WriteDns(Utf8JsonWriter w, CniDns dns)
    {
        w.WriteStartObject("dns");
        WriteStrings(w, "nameservers", dns.Nameservers);
        WriteOptional(w, "domain", dns.Domain);
        WriteStrings(w, "search", dns.Search);
        WriteStrings(w, "options", dns.Options);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            return;
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
