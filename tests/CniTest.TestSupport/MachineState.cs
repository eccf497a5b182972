using System.Text.RegularExpressions;
using CniTest.Scenarios.Sandbox;

namespace CniTest.TestSupport;

/// <summary>
/// The machine as cnitest must leave it (issue 5 "Isolation"): the network state of the machine's own namespace, its
/// /var/lib/cni, whatever of cnitest's could appear in /run/cni or /run/netns, and cnitest's mounts. Read-only: it
/// runs ip, iptables-save and nft list through <see cref="HelperCommand"/>, and lists files.
/// </summary>
/// <remarks>
/// The network part is the product's <see cref="StateSnapshot"/> of this process's namespace, the same primitive
/// the leak checks take of a fake host, so "unchanged" means here what it means in a leak verdict (counters, MACs
/// and the addresses and routes the kernel manages left out). This type exists beside it because its scope is the
/// whole machine: places a fake host's snapshot never covers because cnitest must not write there at all. Other
/// programs on a shared machine may use /run/cni, /run/netns and their own cnitest runs at the same time, so those
/// are compared only for what would be this run's.
/// </remarks>
public sealed partial class MachineState
{
    /// <summary>
    /// Where a Docker daemon writes on the machine whatever its flags say (dockerd: /run/docker/plugins; containerd 1.6:
    /// its shims' sockets in /run/containerd/s): cnitest's private dockerd must leave none of them behind.
    /// </summary>
    private static readonly string[] DaemonPaths = ["/run/docker", "/run/containerd", "/run/runc", "/run/docker.sock", "/run/docker.pid"];

    private MachineState(StateSnapshot network, string linkDetail, string varLibCni, IReadOnlySet<string> runEntries, IReadOnlySet<string> mounts)
    {
        Network = network;
        LinkDetail = linkDetail;
        VarLibCni = varLibCni;
        RunEntries = runEntries;
        Mounts = mounts;
    }

    /// <summary>Links, addresses, routes, iptables and nft rules of the machine's own network namespace.</summary>
    public StateSnapshot Network { get; }

    /// <summary>
    /// <c>ip -o link</c> and <c>ip -o addr</c> of the machine's namespace as printed: every attribute of its own
    /// links (MTU, MAC, qdisc, flags, address lifetimes), which the snapshot's items leave out on purpose.
    /// </summary>
    public string LinkDetail { get; }

    /// <summary>A listing of /var/lib/cni.</summary>
    public string VarLibCni { get; }

    /// <summary>Entries under /run/cni and /run/netns named as cnitest names its containers and namespaces.</summary>
    public IReadOnlySet<string> RunEntries { get; }

    /// <summary>Those of <see cref="DaemonPaths"/> that exist, and what is in them.</summary>
    public IReadOnlySet<string> DaemonEntries { get; } = new HashSet<string>(DaemonPaths.Where(Path.Exists)
        .SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFileSystemEntries(p, "*", SearchOption.AllDirectories).Prepend(p) : [p]));

    /// <summary>Mount points inside cnitest run directories.</summary>
    public IReadOnlySet<string> Mounts { get; }

    /// <summary>Reads the machine's state now.</summary>
    public static async Task<MachineState> TakeAsync(CancellationToken ct = default) => new(
        await StateSnapshot.TakeAsync(netnsPath: null, fileRoots: [], ct: ct),
        await HelperCommand.RunCheckedAsync(null, "ip", ["-o", "link", "show"], ct: ct) +
        await HelperCommand.RunCheckedAsync(null, "ip", ["-o", "addr", "show"], ct: ct),
        Listing("/var/lib/cni"),
        new HashSet<string>(new[] { "/run/cni", "/run/netns" }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFileSystemEntries(d, "*", SearchOption.AllDirectories))
            .Where(p => OurName().IsMatch(Path.GetFileName(p)))),
        new HashSet<string>(File.ReadLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4]).Where(m => m.Contains("/cnitest-run-", StringComparison.Ordinal))));

    /// <summary>What changed since <paramref name="before"/> that cnitest could have caused; empty when nothing.</summary>
    public IReadOnlyList<string> ChangesSince(MachineState before)
    {
        var changes = new List<string>();
        changes.AddRange(before.Network.AddedIn(Network).Select(i => $"the machine's network namespace gained: {i}"));
        changes.AddRange(before.Network.RemovedIn(Network).Select(i => $"the machine's network namespace lost: {i}"));
        if (LinkDetail != before.LinkDetail)
        {
            changes.Add($"the machine's links changed:\n{before.LinkDetail}\n->\n{LinkDetail}");
        }

        if (VarLibCni != before.VarLibCni)
        {
            changes.Add($"/var/lib/cni changed: {before.VarLibCni} -> {VarLibCni}");
        }

        changes.AddRange(RunEntries.Except(before.RunEntries).Select(e => $"new entry {e}"));
        changes.AddRange(DaemonEntries.Except(before.DaemonEntries).Select(e => $"a Docker daemon's path left on the machine: {e}"));
        changes.AddRange(Mounts.Except(before.Mounts).Where(m => !OwnedByOtherLiveRun(m)).Select(m => $"mount left at {m}"));
        return changes;
    }

    /// <summary>Run directories (and their mounts) left by process <paramref name="pid"/>.</summary>
    public static IReadOnlyList<string> RunDirectoriesOf(int pid) => RunDirectory.OwnedBy(pid);

    private static bool OwnedByOtherLiveRun(string mount)
    {
        var match = RunDir().Match(mount);
        return match.Success && RunDirectory.LiveOwner(match.Value) is { } pid && pid != Environment.ProcessId;
    }

    private static string Listing(string dir) =>
        Directory.Exists(dir)
            ? dir + ":\n" + string.Join('\n', Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            : dir + ": (absent)";

    /// <summary>Names cnitest's checks give containers (cnitest-&lt;check&gt;-N) and the replay snippet's namespaces.</summary>
    [GeneratedRegex("cnitest-(version|add|check|del|gc|status|chain|bad-input|concurrency|preflight|host|sandbox)")]
    private static partial Regex OurName();

    [GeneratedRegex("^.*?/cnitest-run-[A-Za-z0-9]+")]
    private static partial Regex RunDir();
}
