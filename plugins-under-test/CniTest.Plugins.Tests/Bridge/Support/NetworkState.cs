using System.Text.Json.Nodes;

namespace CniTest.Plugins.Tests.Bridge.Support;

/// <summary>
/// What a namespace looks like to iproute2 (an observer independent of our netlink code), normalised so two runs
/// can be compared: random veth names become "veth*", MACs and ifindexes are left out, IPv6 link-local addresses
/// and kernel-made IPv6 routes are dropped. One sorted line per link, address, route and selected sysctl.
/// </summary>
public static class NetworkState
{
    public static IReadOnlyList<string> Of(string netnsPath, string? ifNameForSysctls = null)
    {
        var links = JsonNode.Parse(BridgeHost.Run(netnsPath, "ip", "-d", "-j", "link", "show"))!.AsArray();
        var lines = new List<string>();
        foreach (var link in links)
        {
            var info = link!["linkinfo"];
            var flags = link["flags"]!.AsArray().Select(f => f!.GetValue<string>()).Where(f => f is "UP" or "PROMISC").Order();
            lines.Add(string.Join(' ',
                "link", Normalize(link["ifname"]!.GetValue<string>()),
                "kind=" + (info?["info_kind"]?.GetValue<string>() ?? "-"),
                "mtu=" + link["mtu"]!.GetValue<int>(),
                "master=" + (link["master"]?.GetValue<string>() is { } m ? Normalize(m) : "-"),
                "hairpin=" + (info?["info_slave_data"]?["hairpin"]?.GetValue<bool>().ToString() ?? "-"),
                "flags=" + string.Join(',', flags)));
        }

        foreach (var link in JsonNode.Parse(BridgeHost.Run(netnsPath, "ip", "-j", "addr", "show"))!.AsArray())
        {
            foreach (var address in link!["addr_info"]!.AsArray())
            {
                if (address!["scope"]?.GetValue<string>() == "link")
                {
                    continue;
                }

                lines.Add($"addr {Normalize(link["ifname"]!.GetValue<string>())} {address["local"]}/{address["prefixlen"]} scope={address["scope"]}");
            }
        }

        foreach (var family in (string[])["-4", "-6"])
        {
            foreach (var route in JsonNode.Parse(BridgeHost.Run(netnsPath, "ip", family, "-j", "route", "show", "table", "main"))!.AsArray())
            {
                var dst = route!["dst"]!.GetValue<string>();
                if (family == "-6" && (dst.StartsWith("fe80", StringComparison.Ordinal) || route["protocol"]?.GetValue<string>() == "kernel"))
                {
                    continue;
                }

                lines.Add(string.Join(' ',
                    "route", dst,
                    "via=" + (route["gateway"]?.GetValue<string>() ?? "-"),
                    "dev=" + Normalize(route["dev"]?.GetValue<string>() ?? "-"),
                    "proto=" + (route["protocol"]?.GetValue<string>() ?? "-"),
                    "scope=" + (route["scope"]?.GetValue<string>() ?? "-"),
                    "metric=" + (route["metric"]?.ToString() ?? "-")));
            }
        }

        lines.Add("sysctl ip_forward=" + BridgeHost.Run(netnsPath, "cat", "/proc/sys/net/ipv4/ip_forward").Trim());
        if (ifNameForSysctls is not null)
        {
            lines.Add("sysctl arp_notify=" + BridgeHost.Run(netnsPath, "cat", $"/proc/sys/net/ipv4/conf/{ifNameForSysctls}/arp_notify").Trim());
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The NAT table as iptables-save prints it, counters and comments-free headers dropped.</summary>
    public static IReadOnlyList<string> NatRules(string netnsPath) =>
        BridgeHost.Run(netnsPath, "iptables-save", "-t", "nat").Split('\n')
            .Where(l => l.StartsWith('-') || (l.StartsWith(':') && l.StartsWith(":CNI-", StringComparison.Ordinal)))
            .Select(l => l.StartsWith(':') ? l.Split(' ')[0] : l)
            .Order(StringComparer.Ordinal).ToList();

    private static string Normalize(string name) => name.StartsWith("veth", StringComparison.Ordinal) ? "veth*" : name;
}
