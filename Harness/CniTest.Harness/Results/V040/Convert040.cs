using CniTest.Harness.Results.V020;

namespace CniTest.Harness.Results.V040;

/// <summary>Conversions between the 0.3.x/0.4.0 family and 0.1.0/0.2.0 (R42), used by <see cref="ResultConverter"/>.</summary>
internal static class Convert040
{
    /// <summary>
    /// <c>ip4</c> then <c>ip6</c> become <c>ips</c> entries with version "4"/"6"; their routes are concatenated in
    /// the same order; no interfaces and no interface index; dns copied.
    /// </summary>
    public static Result040 From020(Result020 from, string toVersion)
    {
        var configs = new List<(IPConfig020 Config, string Version)>();
        if (from.IP4 is not null)
        {
            configs.Add((from.IP4, "4"));
        }

        if (from.IP6 is not null)
        {
            configs.Add((from.IP6, "6"));
        }

        return new Result040
        {
            CniVersion = toVersion,
            IPs = [.. configs.Select(c => new IPConfig040 { Version = c.Version, Address = c.Config.IP, Gateway = c.Config.Gateway })],
            Routes = [.. configs.SelectMany(c => c.Config.Routes).Select(r => new Route { Dst = r.Dst, Gateway = r.Gateway })],
            Dns = from.Dns,
        };
    }

    /// <summary>
    /// The first IP whose <c>version</c> field is "4" becomes <c>ip4</c>, the first "6" becomes <c>ip6</c> (the field
    /// decides, not the address). A route goes to <c>ip4</c> when its dst is IPv4 and <c>ip4</c> exists, else to
    /// <c>ip6</c> when its dst is IPv6 and <c>ip6</c> exists, else it is dropped; only dst/gw survive. With neither
    /// <c>ip4</c> nor <c>ip6</c> the conversion fails (loopback with a 0.2.0 config, containerd/go-cni#28).
    /// </summary>
    public static Result020 To020(Result040 from, string toVersion)
    {
        var ip4 = from.IPs.FirstOrDefault(ip => ip.Version == "4");
        var ip6 = from.IPs.FirstOrDefault(ip => ip.Version == "6");
        if (ip4 is null && ip6 is null)
        {
            throw new ResultConversionException("cannot convert: no valid IP addresses");
        }

        return new Result020
        {
            CniVersion = toVersion,
            IP4 = ip4 is null ? null : ToIPConfig020(ip4, from.Routes.Where(r => r.Dst.IsIPv4)),
            IP6 = ip6 is null ? null : ToIPConfig020(ip6, from.Routes.Where(r => !r.Dst.IsIPv4)),
            Dns = from.Dns,
        };
    }

    private static IPConfig020 ToIPConfig020(IPConfig040 ip, IEnumerable<Route> routes) => new()
    {
        IP = ip.Address,
        Gateway = ip.Gateway,
        Routes = [.. routes.Select(r => new Route020 { Dst = r.Dst, Gateway = r.Gateway })],
    };
}
