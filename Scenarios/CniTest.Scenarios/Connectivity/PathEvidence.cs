using System.Text;
using System.Text.RegularExpressions;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Connectivity;

/// <summary>
/// What a person debugging a failed probe looks at first, for each namespace on the path: its routes, its
/// neighbour entries, forwarding, and the firewall verdicts that dropped packets (chains with policy DROP and
/// DROP/REJECT rules whose counters moved). Read only; helper commands run inside the run's own namespaces.
/// </summary>
public static partial class PathEvidence
{
    /// <summary>The evidence of <paramref name="places"/>, one indented block per namespace.</summary>
    public static async Task<string> CollectAsync(IEnumerable<(string Name, string NetnsPath)> places, CancellationToken ct = default)
    {
        var text = new StringBuilder("on the path:");
        foreach (var (name, netns) in places)
        {
            text.Append($"\n  {name}:");
            foreach (var line in await LinesAsync(netns, ct))
            {
                text.Append("\n    ").Append(line);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Why a firewall dropped traffic in <paramref name="netnsPath"/>, in words, when its FORWARD chain has policy
    /// DROP and dropped packets: the situation of a Docker-installed node (<see cref="HostProfile.Docker"/>).
    /// </summary>
    public static async Task<string?> ForwardDropExplanationAsync(string netnsPath, CancellationToken ct = default)
    {
        var dropped = ForwardPolicyDrops(await Save(netnsPath, "iptables-save", ct)) + ForwardPolicyDrops(await Save(netnsPath, "ip6tables-save", ct));
        if (dropped == 0)
        {
            return null;
        }

        var bridged = NetSysctl.Read(netnsPath, "bridge/bridge-nf-call-iptables") == "1";
        return $"the fake host's FORWARD chain has policy DROP and dropped {dropped} packet(s)" +
               (bridged ? "; with bridge-nf-call-iptables=1 even traffic between pods on one bridge passes FORWARD" : "") +
               ". Nothing accepts the pods' traffic there: chain the 'firewall' plugin after this one (it accepts the pod's traffic in its CNI-FORWARD chain), or accept the pod range in FORWARD";
    }

    private static async Task<IReadOnlyList<string>> LinesAsync(string netns, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var (what, args) in new (string, string[])[]
                 {
                     ("routes", ["route", "show"]),
                     ("IPv6 routes", ["-6", "route", "show"]),
                     ("neighbours", ["neigh", "show"]),
                 })
        {
            var output = await HelperCommand.RunAsync(netns, "ip", args, ct: ct);
            var entries = output.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => !l.StartsWith("fe80::/64", StringComparison.Ordinal) && !l.StartsWith("multicast", StringComparison.Ordinal)).ToList();
            lines.Add($"{what}: {(entries.Count == 0 ? "none" : string.Join("; ", entries))}");
        }

        lines.Add($"forwarding: IPv4 {NetSysctl.Read(netns, "ipv4/ip_forward") ?? "?"}, IPv6 {NetSysctl.Read(netns, "ipv6/conf/all/forwarding") ?? "?"}");
        var drops = Drops(await Save(netns, "iptables-save", ct)).Concat(Drops(await Save(netns, "ip6tables-save", ct)).Select(d => "IPv6 " + d)).ToList();
        lines.Add($"firewall verdicts: {(drops.Count == 0 ? "no drop or NAT counted" : string.Join("; ", drops))}");
        return lines;
    }

    private static Task<string> Save(string netns, string tool, CancellationToken ct) =>
        HelperCommand.OutputIfInstalledAsync(netns, tool, ["-c"], ct: ct);

    /// <summary>The verdicts that stop or rewrite traffic: drops, and the NAT that makes a pod's source unrecognisable.</summary>
    private static readonly string[] Verdicts = ["-j DROP", "-j REJECT", "-j MASQUERADE", "-j SNAT", "-j DNAT"];

    /// <summary>Chains with policy DROP that counted packets, and DROP/REJECT/NAT rules whose counters moved.</summary>
    private static IEnumerable<string> Drops(string save)
    {
        var table = "";
        foreach (var line in save.Split('\n'))
        {
            if (line.StartsWith('*'))
            {
                table = line[1..];
            }
            else if (PolicyLine().Match(line) is { Success: true } p && p.Groups["policy"].Value == "DROP" && p.Groups["packets"].Value != "0")
            {
                yield return $"{table} {p.Groups["chain"].Value} policy DROP dropped {p.Groups["packets"].Value} packet(s)";
            }
            else if (RuleLine().Match(line) is { Success: true } r && r.Groups["packets"].Value != "0"
                     && Verdicts.Any(v => line.Contains(v, StringComparison.Ordinal)))
            {
                yield return $"{table} rule '{r.Groups["rule"].Value.Trim()}' matched {r.Groups["packets"].Value} packet(s)";
            }
        }
    }

    private static long ForwardPolicyDrops(string save) =>
        save.Split('\n').Select(l => PolicyLine().Match(l)).Where(m => m.Success && m.Groups["chain"].Value == "FORWARD" && m.Groups["policy"].Value == "DROP")
            .Sum(m => long.Parse(m.Groups["packets"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^:(?<chain>\S+) (?<policy>ACCEPT|DROP) \[(?<packets>\d+):\d+\]")]
    private static partial Regex PolicyLine();

    [GeneratedRegex(@"^\[(?<packets>\d+):\d+\] (?<rule>.*)$")]
    private static partial Regex RuleLine();
}
