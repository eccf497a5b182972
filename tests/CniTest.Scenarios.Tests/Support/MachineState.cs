using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CniTest.Scenarios.Tests.Support;

/// <summary>
/// The machine's own network state and the places cnitest must never leave anything: links, addresses, routes,
/// iptables and nft rulesets of the machine's namespace, /var/lib/cni, and whatever of cnitest's could appear in
/// /run/cni, /run/netns or the mount table. Read-only: it only runs ip, iptables-save and nft list, and lists files.
/// Other programs on a shared machine may use /run/cni, /run/netns and their own cnitest runs at the same time,
/// so those are compared only for what would be this run's.
/// </summary>
public sealed partial record MachineState(string Network, string VarLibCni, IReadOnlySet<string> RunEntries, IReadOnlySet<string> Mounts)
{
    public static MachineState Take() => new(
        string.Join("\n---\n",
            Run("ip", "-o", "link", "show"),
            Run("ip", "-o", "addr", "show"),
            Run("ip", "route", "show", "table", "all"),
            StripCounters(Run("iptables-save")),
            Run("nft", "list", "ruleset")),
        Listing("/var/lib/cni"),
        new HashSet<string>(new[] { "/run/cni", "/run/netns" }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFileSystemEntries(d, "*", SearchOption.AllDirectories))
            .Where(p => OurName().IsMatch(Path.GetFileName(p)))),
        new HashSet<string>(File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(m => m.Contains("/cnitest-run-", StringComparison.Ordinal))));

    /// <summary>What changed since <paramref name="before"/> that cnitest could have caused; empty when nothing.</summary>
    public IReadOnlyList<string> ChangesSince(MachineState before)
    {
        var changes = new List<string>();
        if (Network != before.Network)
        {
            changes.Add($"the machine's network state changed:\n--- before\n{before.Network}\n--- after\n{Network}");
        }

        if (VarLibCni != before.VarLibCni)
        {
            changes.Add($"/var/lib/cni changed: {before.VarLibCni} -> {VarLibCni}");
        }

        changes.AddRange(RunEntries.Except(before.RunEntries).Select(e => $"new entry {e}"));
        changes.AddRange(Mounts.Except(before.Mounts).Where(m => !OwnedByOtherLiveRun(m)).Select(m => $"mount left at {m}"));
        return changes;
    }

    /// <summary>Run directories (and their mounts) left by process <paramref name="pid"/>.</summary>
    public static IReadOnlyList<string> RunDirectoriesOf(int pid) =>
        [.. Directory.EnumerateDirectories(Path.GetTempPath(), "cnitest-run-*").Where(d => Owner(d) == pid)];

    private static bool OwnedByOtherLiveRun(string mount)
    {
        var match = RunDir().Match(mount);
        return match.Success && Owner(match.Value) is { } pid && pid != Environment.ProcessId && IsAlive(pid);
    }

    private static int? Owner(string runDir)
    {
        var file = Path.Combine(runDir, "owner.pid");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file), out var pid) ? pid : null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Listing(string dir) =>
        Directory.Exists(dir)
            ? dir + ":\n" + string.Join('\n', Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            : dir + ": (absent)";

    private static string StripCounters(string save) =>
        string.Join('\n', save.Split('\n').Where(l => !l.StartsWith('#')).Select(l => l.StartsWith(':') ? l.Split(' ')[0] : l));

    private static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    /// <summary>Names cnitest's checks give containers (cnitest-&lt;check&gt;-N) and the replay snippet's namespaces.</summary>
    [GeneratedRegex("cnitest-(version|add|check|del|gc|status|chain|bad-input|concurrency|preflight|host|sandbox)")]
    private static partial Regex OurName();

    [GeneratedRegex("^.*?/cnitest-run-[A-Za-z0-9]+")]
    private static partial Regex RunDir();
}
