using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CniTest.Bridge.Network;
using CniTest.PluginSdk.Results;

namespace CniTest.Bridge.Masquerade;

/// <summary>
/// <c>ipMasq</c>: the same NAT rules as Go's ip.SetupIPMasq, so the two plugins leave identical tables. Per
/// attachment, a chain CNI-&lt;hash of network name + container ID&gt; accepts traffic to the subnet and masquerades
/// the rest (not multicast); POSTROUTING sends the container's source address there. Every rule carries the
/// comment <c>name: "NET" id: "ID"</c>, which is how DEL and GC find them again without knowing the addresses.
/// One iptables-restore per family and operation, applied atomically.
/// </summary>
internal static partial class IpMasquerade
{
    private const int MaxChainLength = 28;

    /// <summary>Go utils.FormatChainName: "CNI-" + hex(SHA-512(name + id)), cut to 28 characters.</summary>
    public static string ChainName(string network, string containerId) =>
        ("CNI-" + Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(network + containerId))))[..MaxChainLength];

    /// <summary>Go utils.FormatComment (%q quoting; network names and container IDs need no escaping).</summary>
    public static string Comment(string network, string containerId) => $"name: \"{network}\" id: \"{containerId}\"";

    /// <summary>Installs the rules for every address of the attachment.</summary>
    public static void Setup(string network, string containerId, IEnumerable<IpCidr> addresses)
    {
        foreach (var family in Family.Both)
        {
            var mine = addresses.Where(a => IpMath.IsV4(a.Address) == family.IsV4).ToList();
            if (mine.Count > 0)
            {
                CommandRunner.Run(family.Restore, ["--noflush", "--wait"], SetupScript(network, containerId, mine, family));
            }
        }
    }

    /// <summary>The iptables-restore input for <see cref="Setup"/> (declaring the chain also flushes it).</summary>
    internal static string SetupScript(string network, string containerId, IReadOnlyList<IpCidr> addresses, Family family)
    {
        var chain = ChainName(network, containerId);
        var comment = Quote(Comment(network, containerId));
        var lines = new List<string> { "*nat", $":{chain} - [0:0]" };
        foreach (var address in addresses)
        {
            var normalized = IpMath.Normalize(address);
            var subnet = $"{IpMath.Network(normalized.Address, normalized.PrefixLength)}/{normalized.PrefixLength}";
            lines.Add($"-A {chain} -d {subnet} -j ACCEPT -m comment --comment {comment}");
        }

        lines.Add($"-A {chain} ! -d {family.Multicast} -j MASQUERADE -m comment --comment {comment}");
        foreach (var address in addresses)
        {
            lines.Add($"-A POSTROUTING -s {IpMath.Normalize(address.Address)} -j {chain} -m comment --comment {comment}");
        }

        lines.Add("COMMIT");
        return string.Join('\n', lines.Distinct()) + "\n";
    }

    /// <summary>Removes the attachment's rules and chain, in the families given; nothing there is success.</summary>
    public static void Teardown(string network, string containerId, bool v4, bool v6)
    {
        var chain = ChainName(network, containerId);
        foreach (var family in Family.Both.Where(f => f.IsV4 ? v4 : v6))
        {
            var saved = CommandRunner.Run(family.Save, ["-t", "nat"]);
            if (TeardownScript(saved, new HashSet<string> { chain }) is { } script)
            {
                CommandRunner.Run(family.Restore, ["--noflush", "--wait"], script);
            }
        }
    }

    /// <summary>
    /// GC: removes the rules of this network's containers that are not in <paramref name="validContainerIds"/>,
    /// found by their comment.
    /// </summary>
    public static void Collect(string network, IReadOnlySet<string> validContainerIds)
    {
        foreach (var family in Family.Both)
        {
            var saved = CommandRunner.Run(family.Save, ["-t", "nat"]);
            var stale = new HashSet<string>();
            foreach (Match match in CommentPattern().Matches(saved))
            {
                if (match.Groups["net"].Value == network && !validContainerIds.Contains(match.Groups["id"].Value))
                {
                    stale.Add(ChainName(network, match.Groups["id"].Value));
                }
            }

            if (stale.Count > 0 && TeardownScript(saved, stale) is { } script)
            {
                CommandRunner.Run(family.Restore, ["--noflush", "--wait"], script);
            }
        }
    }

    /// <summary>
    /// From iptables-save output: delete each POSTROUTING rule that jumps to one of <paramref name="chains"/>, then
    /// flush and delete the chains that exist. Null when there is nothing to do.
    /// </summary>
    internal static string? TeardownScript(string iptablesSave, IReadOnlySet<string> chains)
    {
        var deletes = new List<string>();
        var existing = new List<string>();
        var inNat = false;
        foreach (var raw in iptablesSave.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('*'))
            {
                inNat = line == "*nat";
                continue;
            }

            if (!inNat)
            {
                continue;
            }

            if (line.StartsWith(':') && chains.Contains(line[1..].Split(' ')[0]))
            {
                existing.Add(line[1..].Split(' ')[0]);
            }
            else if (line.StartsWith("-A POSTROUTING ", StringComparison.Ordinal) && JumpTarget(line) is { } target && chains.Contains(target))
            {
                deletes.Add("-D" + line[2..]);
            }
        }

        if (deletes.Count == 0 && existing.Count == 0)
        {
            return null;
        }

        var script = new List<string> { "*nat" };
        script.AddRange(deletes);
        script.AddRange(existing.Select(c => $"-F {c}"));
        script.AddRange(existing.Select(c => $"-X {c}"));
        script.Add("COMMIT");
        return string.Join('\n', script) + "\n";
    }

    private static string? JumpTarget(string rule)
    {
        var index = rule.IndexOf(" -j ", StringComparison.Ordinal);
        return index < 0 ? null : rule[(index + 4)..].Split(' ')[0];
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    // iptables-save prints the comment as --comment "name: \"NET\" id: \"ID\"".
    [GeneratedRegex("""--comment "name: \\"(?<net>[^\\"]*)\\" id: \\"(?<id>[^\\"]*)""")]
    private static partial Regex CommentPattern();

    /// <summary>The per-family tools and multicast range.</summary>
    internal sealed record Family(bool IsV4, string Save, string Restore, string Multicast)
    {
        public static readonly Family V4 = new(true, "iptables-save", "iptables-restore", "224.0.0.0/4");
        public static readonly Family V6 = new(false, "ip6tables-save", "ip6tables-restore", "ff00::/8");
        public static readonly IReadOnlyList<Family> Both = [V4, V6];
    }
}
