using System.Diagnostics;
using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// The private directory of one run (<c>/tmp/cnitest-run-*</c>), holding every fake host. It records the owning
/// process id, so a later run can sweep directories left by a run that was killed with SIGKILL (the only way
/// cleanup can be skipped). Its processes live in the cgroup of the same name (<see cref="ProcessCgroup"/>), so that
/// sweep can also kill what the dead run's plugins left running, proven theirs by membership (issue 12).
/// </summary>
public sealed class RunDirectory : IDisposable
{
    private const string Prefix = "cnitest-run-";
    private const string OwnerFile = "owner.pid";

    private RunDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates a fresh run directory under the temp directory, after sweeping stale ones.</summary>
    public static RunDirectory Create()
    {
        _ = SweepStale(); // the CLI sweeps first and prints the line; other callers sweep silently
        var dir = Directory.CreateTempSubdirectory(Prefix).FullName;
        File.WriteAllText(System.IO.Path.Combine(dir, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new RunDirectory(dir);
    }

    /// <summary>
    /// Removes what runs killed with SIGKILL left: their run directories (with every mount and namespace pin below)
    /// and their processes. Returns one line saying what was removed, or null when there was nothing.
    /// </summary>
    public static string? SweepStale()
    {
        var stale = All().Where(d => !IsAlive(d.Owner)).ToList();
        var mounts = stale.Sum(d => MountTable.MountsUnder(d.Path).Count);
        var namespaces = stale.Sum(d => MountTable.MountsUnder(d.Path).Count(IsNamespacePin));
        // Processes first: they may keep the namespaces alive that the unmounting below unpins.
        var processes = 0;
        var cgroups = OrphanCgroups().ToList();
        foreach (var cgroup in cgroups)
        {
            processes += cgroup.Processes().Count;
            cgroup.Dispose();
        }

        Remove(pid => !IsAlive(pid));

        if (stale.Count == 0 && cgroups.Count == 0)
        {
            return null;
        }

        // Another program's sweep (an older cnitest) may have taken the directory already; the cgroup is ours alone.
        var parts = new List<string>();
        if (stale.Count > 0)
        {
            parts.Add($"{stale.Count} run director{(stale.Count == 1 ? "y" : "ies")} (pid {string.Join(", ", stale.Select(d => d.Owner))})");
            parts.Add($"{mounts} mounts ({namespaces} namespace pins)");
        }

        parts.Add($"{processes} process{(processes == 1 ? "" : "es")}");
        return $"removed what a killed cnitest run left: {string.Join(", ", parts)}";
    }

    /// <summary>Removes the run directories of process <paramref name="pid"/> (the emergency path of an interrupt).</summary>
    public static void RemoveOwnedBy(int pid)
    {
        var mine = All().Where(d => d.Owner == pid).Select(d => System.IO.Path.GetFileName(d.Path)).ToList();
        foreach (var name in mine)
        {
            ProcessCgroup.Open(System.IO.Path.Combine(ProcessCgroup.Root, name))?.Dispose();
        }

        Remove(owner => owner == pid);
    }

    /// <summary>The cgroup whose processes are this run's (<see cref="FakeHost"/> makes one per host below it).</summary>
    internal static string CgroupNameOf(string hostDir)
    {
        var relative = System.IO.Path.GetRelativePath(System.IO.Path.GetTempPath(), hostDir);
        return relative.StartsWith("..", StringComparison.Ordinal) ? hostDir.Trim('/').Replace('/', '_') : relative;
    }

    /// <summary>
    /// Run cgroups whose run directory is gone or whose owner is dead: what a SIGKILLed run's plugins left running.
    /// </summary>
    private static IEnumerable<ProcessCgroup> OrphanCgroups()
    {
        if (!ProcessCgroup.IsAvailable)
        {
            yield break;
        }

        foreach (var dir in Directory.EnumerateDirectories(ProcessCgroup.Root, Prefix + "*"))
        {
            var runDir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), System.IO.Path.GetFileName(dir));
            if (LiveOwner(runDir) is null && ProcessCgroup.Open(dir) is { } cgroup)
            {
                yield return cgroup;
            }
        }
    }

    private static bool IsNamespacePin(string mount) =>
        mount.Contains("/netns/", StringComparison.Ordinal) || mount.EndsWith("/mntns", StringComparison.Ordinal);

    /// <summary>The run directories that process <paramref name="pid"/> created and that still exist.</summary>
    public static IReadOnlyList<string> OwnedBy(int pid) => [.. All().Where(d => d.Owner == pid).Select(d => d.Path)];

    /// <summary>
    /// The process that owns run directory <paramref name="dir"/> while it is running; null when that process is gone
    /// (the next run sweeps the directory) or <paramref name="dir"/> is not a run directory.
    /// </summary>
    public static int? LiveOwner(string dir) => OwnerOf(dir) is { } pid && IsAlive(pid) ? pid : null;

    private static void Remove(Func<int, bool> which)
    {
        foreach (var dir in All().Where(d => which(d.Owner)))
        {
            // A run killed with SIGKILL leaves its private dockerd (--sandbox docker), its containerd, shims and
            // containers running: they are killed by id before their directory goes.
            Docker.PrivateDockerd.StopLeftovers(dir.Path);
            MountTable.RemoveTree(dir.Path);
        }
    }

    private static List<(string Path, int Owner)> All()
    {
        var found = new List<(string Path, int Owner)>();
        foreach (var dir in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), Prefix + "*"))
        {
            if (OwnerOf(dir) is { } pid)
            {
                found.Add((dir, pid));
            }
        }

        return found;
    }

    private static int? OwnerOf(string dir)
    {
        var owner = System.IO.Path.Combine(dir, OwnerFile);
        return File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var pid) ? pid : null;
    }

    public void Dispose()
    {
        ProcessCgroup.Open(System.IO.Path.Combine(ProcessCgroup.Root, System.IO.Path.GetFileName(Path)))?.Dispose();
        MountTable.RemoveTree(Path);
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
}
