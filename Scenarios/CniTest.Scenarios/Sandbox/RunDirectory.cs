using System.Diagnostics;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// The private directory of one run (<c>/tmp/cnitest-run-*</c>), holding every fake host. It records the owning
/// process id, so a later run can sweep directories left by a run that was killed with SIGKILL (the only way
/// cleanup can be skipped).
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
        SweepStale();
        var dir = Directory.CreateTempSubdirectory(Prefix).FullName;
        File.WriteAllText(System.IO.Path.Combine(dir, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new RunDirectory(dir);
    }

    /// <summary>Removes run directories whose owner process is gone.</summary>
    public static void SweepStale() => Remove(pid => !IsAlive(pid));

    /// <summary>Removes the run directories of process <paramref name="pid"/> (the emergency path of an interrupt).</summary>
    public static void RemoveOwnedBy(int pid) => Remove(owner => owner == pid);

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

    public void Dispose() => MountTable.RemoveTree(Path);

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
