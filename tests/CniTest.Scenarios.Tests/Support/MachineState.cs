using System.Diagnostics;

namespace CniTest.Scenarios.Tests.Support;

/// <summary>
/// The machine's own network state and the places cnitest must never leave anything: links, addresses, routes,
/// iptables and nft rulesets of the machine's namespace, cnitest mounts, and /var/lib/cni and /run/cni.
/// Read-only: it only runs ip, iptables-save and nft list, and lists files.
/// </summary>
public static class MachineState
{
    public static string Take() => string.Join("\n---\n",
        Run("ip", "-o", "link", "show"),
        Run("ip", "-o", "addr", "show"),
        Run("ip", "route", "show", "table", "all"),
        StripCounters(Run("iptables-save")),
        Run("nft", "list", "ruleset"),
        string.Join('\n', File.ReadLines("/proc/self/mountinfo").Where(l => l.Contains("cnitest-run-", StringComparison.Ordinal))),
        Listing("/var/lib/cni"),
        Listing("/run/cni"),
        Listing("/run/netns"));

    /// <summary>Run directories (and their mounts) left by process <paramref name="pid"/>.</summary>
    public static IReadOnlyList<string> RunDirectoriesOf(int pid) =>
        [.. Directory.EnumerateDirectories(Path.GetTempPath(), "cnitest-run-*")
            .Where(d => File.Exists(Path.Combine(d, "owner.pid")) && File.ReadAllText(Path.Combine(d, "owner.pid")).Trim() == pid.ToString(System.Globalization.CultureInfo.InvariantCulture))];

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
}
