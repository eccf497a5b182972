using System.Diagnostics;
using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// The private directory of one run (<c>/tmp/cnitest-run-*</c>), holding every fake host. It records the owning
/// process id, so a later run can sweep directories left by a run that was killed with SIGKILL (the only way
/// cleanup can be skipped). Its processes live in the cgroup of the same name (<see cref="ProcessCgroup"/>), so that
/// sweep can also kill what the dead run's plugins left running, proven theirs by membership (issue 12).
/// </summary>
/// <remarks>
/// Ownership is never in doubt for a live run. The directory is made under a staging name, its <c>owner.pid</c>
/// written and locked there, and only then renamed into place (rename is atomic): a <c>cnitest-run-*</c> directory
/// never exists without its <c>owner.pid</c>, and removal deletes <c>owner.pid</c> last. The owner holds a shared
/// <c>flock</c> on <c>owner.pid</c> for its whole life (the kernel drops it when the process dies, however it dies), so a
/// run whose pid means nothing here (a cnitest in another PID namespace sharing <c>/tmp</c>) still counts as live. A
/// directory is stale when its owner is dead and the lock is free, or, without <c>owner.pid</c> (a cnitest killed
/// while removing it, or an older cnitest caught between making it and writing the file), when nothing has changed
/// in it for <see cref="OwnerlessGrace"/>.
/// </remarks>
public sealed class RunDirectory : IDisposable
{
    private const string Prefix = "cnitest-run-";
    private const string StagingPrefix = "cnitest-new-";
    private const string OwnerFile = "owner.pid";

    /// <summary>
    /// How long a directory without <c>owner.pid</c> is left alone: an older cnitest writes the file microseconds after
    /// making the directory, and every deletion inside a directory renews its modification time.
    /// </summary>
    internal static readonly TimeSpan OwnerlessGrace = TimeSpan.FromSeconds(60);

    private readonly FileStream _ownerLock;

    private RunDirectory(string path, FileStream ownerLock)
    {
        Path = path;
        _ownerLock = ownerLock;
    }

    public string Path { get; }

    /// <summary>Creates a fresh run directory under the temp directory, after sweeping stale ones.</summary>
    public static RunDirectory Create()
    {
        _ = SweepStale(); // the CLI sweeps first and prints the line; other callers sweep silently
        while (true)
        {
            var staging = Directory.CreateTempSubdirectory(StagingPrefix).FullName;
            var ownerLock = TakeOwnership(staging);
            var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Prefix + System.IO.Path.GetFileName(staging)[StagingPrefix.Length..]);
            try
            {
                Directory.Move(staging, dir);
                return new RunDirectory(dir, ownerLock);
            }
            catch (IOException) when (Directory.Exists(dir))
            {
                // The random name is taken under the final prefix (astronomically rare): a fresh one.
                ownerLock.Dispose();
                RemoveRunTree(staging);
            }
        }
    }

    /// <summary>Writes this process's id into <c>owner.pid</c> and holds a shared lock on it until the run ends.</summary>
    private static FileStream TakeOwnership(string dir)
    {
        var owner = System.IO.Path.Combine(dir, OwnerFile);
        File.WriteAllText(owner, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // .NET takes flock(LOCK_SH) for a FileStream that shares the file (LOCK_EX for FileShare.None), on the open file
        // description: not inherited by plugins (O_CLOEXEC), released by the kernel when this process dies.
        return new FileStream(owner, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
    }

    /// <summary>
    /// Removes what runs killed with SIGKILL left: their run directories (with every mount and namespace pin below)
    /// and their processes. Returns one line saying what was removed, or null when there was nothing.
    /// </summary>
    public static string? SweepStale()
    {
        var stale = All(Prefix).Where(d => IsStale(d.Path, d.Ownership, d.Owner)).ToList();
        var staging = All(StagingPrefix).Where(d => IsStale(d.Path, d.Ownership, d.Owner)).ToList();
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

        foreach (var dir in stale.Concat(staging))
        {
            Remove(dir.Path);
        }

        if (stale.Count == 0 && cgroups.Count == 0)
        {
            return null;
        }

        // Another program's sweep (an older cnitest) may have taken the directory already; the cgroup is ours alone.
        var parts = new List<string>();
        if (stale.Count > 0)
        {
            var pids = stale.Where(d => d.Owner is not null).Select(d => $"{d.Owner}").ToList();
            var ownerless = stale.Count - pids.Count;
            var who = string.Join(", ", [.. pids.Count > 0 ? [$"pid {string.Join(", ", pids)}"] : Array.Empty<string>(),
                .. ownerless > 0 ? [$"{ownerless} without {OwnerFile}"] : Array.Empty<string>()]);
            parts.Add($"{stale.Count} run director{(stale.Count == 1 ? "y" : "ies")} ({who})");
            parts.Add($"{mounts} mounts ({namespaces} namespace pins)");
        }

        parts.Add($"{processes} process{(processes == 1 ? "" : "es")}");
        return $"removed what a killed cnitest run left: {string.Join(", ", parts)}";
    }

    /// <summary>Removes the run directories of process <paramref name="pid"/> (the emergency path of an interrupt).</summary>
    public static void RemoveOwnedBy(int pid)
    {
        foreach (var dir in All(Prefix).Where(d => d.Owner == pid))
        {
            ProcessCgroup.Open(System.IO.Path.Combine(ProcessCgroup.Root, System.IO.Path.GetFileName(dir.Path)))?.Dispose();
            Remove(dir.Path);
        }
    }

    /// <summary>The cgroup whose processes are this run's (<see cref="FakeHost"/> makes one per host below it).</summary>
    internal static string CgroupNameOf(string hostDir)
    {
        var relative = System.IO.Path.GetRelativePath(System.IO.Path.GetTempPath(), hostDir);
        return relative.StartsWith("..", StringComparison.Ordinal) ? hostDir.Trim('/').Replace('/', '_') : relative;
    }

    /// <summary>
    /// Run cgroups whose run directory is gone or stale: what a SIGKILLed run's plugins left running.
    /// </summary>
    private static IEnumerable<ProcessCgroup> OrphanCgroups()
    {
        if (!ProcessCgroup.IsAvailable)
        {
            yield break;
        }

        foreach (var dir in Directory.EnumerateDirectories(ProcessCgroup.Root, Prefix + "*"))
        {
            // A private dockerd's containers live in cnitest-run-XXXX-docker (PrivateDockerd.CgroupParent): that run's
            // too. Taken for a run directory of its own, which never exists, every live --sandbox docker run's containers
            // were killed by the next run that started.
            var name = System.IO.Path.GetFileName(dir);
            var runName = name.EndsWith(Docker.PrivateDockerd.CgroupSuffix, StringComparison.Ordinal) ? name[..^Docker.PrivateDockerd.CgroupSuffix.Length] : name;
            var runDir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), runName);
            // A run makes its cgroups only after its directory is in place with its owner.pid (Create).
            var orphan = !Directory.Exists(runDir) || IsStale(runDir, ReadOwner(runDir, out var pid), pid);
            if (orphan && ProcessCgroup.Open(dir) is { } cgroup)
            {
                yield return cgroup;
            }
        }
    }

    private static bool IsNamespacePin(string mount) =>
        mount.Contains("/netns/", StringComparison.Ordinal) || mount.EndsWith("/mntns", StringComparison.Ordinal);

    /// <summary>The run directories that process <paramref name="pid"/> created and that still exist.</summary>
    public static IReadOnlyList<string> OwnedBy(int pid) => [.. All(Prefix).Where(d => d.Owner == pid).Select(d => d.Path)];

    /// <summary>
    /// The process that owns run directory <paramref name="dir"/> while it is running; null when that process is gone
    /// (the next run sweeps the directory) or <paramref name="dir"/> is not a run directory.
    /// </summary>
    public static int? LiveOwner(string dir) =>
        ReadOwner(dir, out var pid) == Ownership.Present && (IsAlive(pid) || IsLocked(System.IO.Path.Combine(dir, OwnerFile))) ? pid : null;

    /// <summary>
    /// True when nobody owns <paramref name="dir"/> any more, given what its <c>owner.pid</c> read
    /// (<see cref="ReadOwner"/>): its owner <paramref name="pid"/> is dead and the lock on <c>owner.pid</c> is free, or it
    /// has no <c>owner.pid</c> and nothing changed in it for <see cref="OwnerlessGrace"/>. An owner.pid that cannot be
    /// read this instant (another sweep probing its lock) counts as owned.
    /// </summary>
    private static bool IsStale(string dir, Ownership ownership, int? pid) => ownership switch
    {
        Ownership.Present => !IsAlive(pid!.Value) && !IsLocked(System.IO.Path.Combine(dir, OwnerFile)),
        // GetLastWriteTimeUtc of a directory that is gone is year 1601: one its owner removed a moment ago is not stale.
        Ownership.Missing => Directory.Exists(dir) && DateTime.UtcNow - Directory.GetLastWriteTimeUtc(dir) > OwnerlessGrace,
        _ => false,
    };

    /// <summary>True while a process holds a lock on <paramref name="ownerFile"/> (the owner's shared flock).</summary>
    private static bool IsLocked(string ownerFile)
    {
        try
        {
            // FileShare.None asks for flock(LOCK_EX | LOCK_NB): refused while the owner holds its shared lock.
            using var probe = new FileStream(ownerFile, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private enum Ownership
    {
        Present,
        Missing,
        Unreadable,
    }

    /// <summary>Reads <c>owner.pid</c>; an empty or garbled file is an older cnitest's, caught between creating and writing it.</summary>
    private static Ownership ReadOwner(string dir, out int pid)
    {
        pid = 0;
        var owner = System.IO.Path.Combine(dir, OwnerFile);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                return int.TryParse(File.ReadAllText(owner), out pid) ? Ownership.Present : Ownership.Missing;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return Ownership.Missing;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(1); // a sweep's lock probe holds it for microseconds
            }
        }

        return Ownership.Unreadable;
    }

    /// <summary>
    /// Removes a run directory: what a SIGKILLed run's private dockerd still runs (killed by id), every mount below it,
    /// then its content, and <c>owner.pid</c> last, so that the directory is never ownerless while anything is in it.
    /// </summary>
    private static void Remove(string dir)
    {
        Docker.PrivateDockerd.StopLeftovers(dir);
        RemoveRunTree(dir);
    }

    private static void RemoveRunTree(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        MountTable.UnmountAll(dir);
        var owner = System.IO.Path.Combine(dir, OwnerFile);
        foreach (var entry in Entries(dir).Where(e => e != owner))
        {
            MountTable.Delete(() =>
            {
                if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            });
        }

        if (Entries(dir).Any(e => e != owner))
        {
            return; // something is still held: owner.pid stays, and the next sweep finds an owner that is gone
        }

        MountTable.Delete(() => File.Delete(owner));
        MountTable.Delete(() => Directory.Delete(dir));
    }

    /// <summary>What is in <paramref name="dir"/>; nothing once it is gone (another sweep, or its owner, removed it meanwhile).</summary>
    private static List<string> Entries(string dir)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries(dir)];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <summary>
    /// The directories named <paramref name="prefix"/>* in the temp directory, each with what its owner.pid read
    /// (once: the sweep judges from the same reading) and the pid in it when there is one.
    /// </summary>
    private static List<(string Path, Ownership Ownership, int? Owner)> All(string prefix)
    {
        var found = new List<(string Path, Ownership Ownership, int? Owner)>();
        foreach (var dir in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), prefix + "*"))
        {
            var ownership = ReadOwner(dir, out var pid);
            found.Add((dir, ownership, ownership == Ownership.Present ? pid : null));
        }

        return found;
    }

    public void Dispose()
    {
        ProcessCgroup.Open(System.IO.Path.Combine(ProcessCgroup.Root, System.IO.Path.GetFileName(Path)))?.Dispose();
        RemoveRunTree(Path);
        _ownerLock.Dispose();
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
