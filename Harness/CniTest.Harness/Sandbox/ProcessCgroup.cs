using System.Globalization;
using CniTest.Harness.Sandbox.Interop;

namespace CniTest.Harness.Sandbox;

/// <summary>
/// A cgroup (v1 <c>freezer</c> hierarchy) that every process a plugin starts is born into, whatever it does
/// afterwards (fork, setsid, double fork, daemonise): cgroup membership is inherited and no process can leave it,
/// so it lists exactly what the plugins of one fake host left running, and proves that cnitest started it before
/// anything is killed (issue 12, P73–P75).
/// </summary>
/// <remarks>
/// Why a cgroup and not a PID namespace per fake host: a PID namespace changes what the plugin sees. Its pid and
/// its children's are renumbered, <c>/proc</c> (the machine's, in the fake host's mount namespace) no longer matches
/// the pids the plugin knows, and with the plugin as the namespace's init, every daemon it starts dies when it exits
/// (tried on this machine: <c>unshare --pid --fork</c> gives pid 1 and a /proc of 4 entries). podman's dnsname writes
/// dnsmasq's pid to a pidfile and signals it on the next call, so the PID namespace would change the verdict. A cgroup
/// is invisible to the plugin; the freezer lets the kill be atomic (nothing can fork while frozen).
/// cgroup v1 membership is per thread: the dedicated thread of <see cref="NamespaceThread"/> joins before it starts
/// the plugin, so only the plugin (never cnitest's other threads) is born inside.
/// </remarks>
public sealed class ProcessCgroup : IDisposable
{
    /// <summary>The freezer hierarchy of cgroup v1.</summary>
    public const string Root = "/sys/fs/cgroup/freezer";

    private ProcessCgroup(string path) => Path = path;

    /// <summary>The cgroup directory.</summary>
    public string Path { get; }

    /// <summary>True when the freezer hierarchy is mounted and writable (cgroup v1, root).</summary>
    public static bool IsAvailable => File.Exists(System.IO.Path.Combine(Root, "cgroup.procs")) && Libc.geteuid() == 0;

    /// <summary>Creates (or opens) the cgroup <paramref name="name"/> below <see cref="Root"/>, parents included.</summary>
    public static ProcessCgroup Create(string name)
    {
        var path = System.IO.Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return new ProcessCgroup(path);
    }

    /// <summary>Opens an existing cgroup directory (e.g. one a killed run left); null when it does not exist.</summary>
    public static ProcessCgroup? Open(string path) => Directory.Exists(path) ? new ProcessCgroup(path) : null;

    /// <summary>Moves the calling OS thread into this cgroup: what it starts from now on is born inside.</summary>
    internal void JoinCurrentThread() =>
        File.WriteAllText(System.IO.Path.Combine(Path, "tasks"), Libc.gettid().ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The ids of the processes in this cgroup and the ones below it, except this process (whose spawning thread is
    /// inside for the moment of a <c>fork</c>).
    /// </summary>
    public IReadOnlyList<int> Pids()
    {
        var pids = new List<int>();
        foreach (var dir in Tree())
        {
            try
            {
                foreach (var line in File.ReadLines(System.IO.Path.Combine(dir, "cgroup.procs")))
                {
                    if (int.TryParse(line, out var pid) && pid != Environment.ProcessId)
                    {
                        pids.Add(pid);
                    }
                }
            }
            catch (IOException)
            {
                // removed meanwhile
            }
        }

        return pids;
    }

    /// <summary>The processes running in this cgroup (and below) now.</summary>
    public IReadOnlyList<TrackedProcess> Processes() => [.. Pids().Select(TrackedProcess.Read).OfType<TrackedProcess>()];

    /// <summary>
    /// Kills every process of this cgroup and below with SIGKILL, frozen first so none can fork meanwhile, and waits
    /// (up to 5 s) until none is left. Returns what was killed. Only members are touched: membership proves the
    /// process descends from a plugin cnitest started.
    /// </summary>
    public IReadOnlyList<TrackedProcess> KillAll()
    {
        var victims = Processes();
        if (victims.Count == 0)
        {
            return [];
        }

        SetFreezer("FROZEN");
        try
        {
            foreach (var pid in Pids())
            {
                ProcessSignals.Send(pid, ProcessSignals.SigKill);
            }
        }
        finally
        {
            SetFreezer("THAWED"); // a frozen process cannot die; thawed, the pending SIGKILL ends it
        }

        var deadline = Environment.TickCount64 + 5000;
        while (Pids().Count > 0 && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(10);
        }

        return victims;
    }

    /// <summary>Kills what is inside (<see cref="KillAll"/>) and removes the cgroup with every cgroup below it.</summary>
    public void Dispose()
    {
        KillAll();
        foreach (var dir in Enumerable.Reverse(Tree()))
        {
            try
            {
                Directory.Delete(dir); // rmdir: a cgroup directory's control files are not real files
            }
            catch (IOException)
            {
                // still busy (a process in uninterruptible sleep); the next run's sweep takes it
            }
        }
    }

    private void SetFreezer(string state)
    {
        try
        {
            File.WriteAllText(System.IO.Path.Combine(Path, "freezer.state"), state);
        }
        catch (IOException)
        {
            // the cgroup is gone: nothing to freeze
        }
    }

    /// <summary>This cgroup and its descendants, parents first.</summary>
    private List<string> Tree()
    {
        var all = new List<string>();
        if (!Directory.Exists(Path))
        {
            return all;
        }

        all.Add(Path);
        try
        {
            all.AddRange(Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories).OrderBy(d => d.Length));
        }
        catch (IOException)
        {
        }

        return all;
    }
}
