using CniTest.Scenarios.Sandbox;

namespace CniTest.Plugins.Tests.Bridge.Support;

/// <summary>
/// What a namespace looks like to iproute2 (an observer independent of our netlink code, read through the product's
/// <see cref="NetnsView"/>), normalised so two runs can be compared: random veth names become "veth*", MACs and
/// ifindexes are left out, IPv6 link-local addresses and kernel-made IPv6 routes are dropped. One sorted line per
/// link, address, route of the main table and selected sysctl. Finer than the leak snapshot
/// (<see cref="StateSnapshot"/>): comparing with Go's bridge needs MTU, hairpin, promiscuity and metrics too.
/// </summary>
public static class NetworkState
{
    public static async Task<IReadOnlyList<string>> OfAsync(string netnsPath, string? ifNameForSysctls = null)
    {
        var view = await NetnsView.ReadAsync(netnsPath);
        var lines = new List<string>();
        foreach (var link in view.Links)
        {
            lines.Add(string.Join(' ',
                "link", Normalize(link.Name),
                "kind=" + (link.Kind ?? "-"),
                "mtu=" + link.Mtu,
                "master=" + (link.Master is { } m ? Normalize(m) : "-"),
                "hairpin=" + (link.Hairpin?.ToString() ?? "-"),
                "flags=" + string.Join(',', link.Flags.Where(f => f is "UP" or "PROMISC").Order())));
        }

        foreach (var address in view.Addresses.Where(a => a.Scope != "link"))
        {
            lines.Add($"addr {Normalize(address.Link)} {address.Cidr} scope={address.Scope}");
        }

        foreach (var route in view.Routes.Where(r => r.Table is null or "main"))
        {
            var ipv6 = route.Dst.Contains(':');
            if (ipv6 && (route.Dst.StartsWith("fe80", StringComparison.Ordinal) || route.Protocol == "kernel"))
            {
                continue;
            }

            lines.Add(string.Join(' ',
                "route", route.Dst,
                "via=" + (route.Gateway ?? "-"),
                "dev=" + Normalize(route.Dev ?? "-"),
                "proto=" + (route.Protocol ?? "-"),
                "scope=" + (route.Scope ?? "-"),
                "metric=" + (route.Metric?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-")));
        }

        lines.Add("sysctl ip_forward=" + await SysctlAsync(netnsPath, "ipv4/ip_forward"));
        lines.Add("sysctl ipv6 forwarding=" + await SysctlAsync(netnsPath, "ipv6/conf/all/forwarding"));
        if (ifNameForSysctls is not null)
        {
            lines.Add("sysctl arp_notify=" + await SysctlAsync(netnsPath, $"ipv4/conf/{ifNameForSysctls}/arp_notify"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<string> SysctlAsync(string netnsPath, string name) =>
        (await HelperCommand.RunCheckedAsync(netnsPath, "cat", [$"/proc/sys/net/{name}"])).Trim();

    private static string Normalize(string name) => name.StartsWith("veth", StringComparison.Ordinal) ? "veth*" : name;
}
