using System.Diagnostics;
using System.Globalization;
using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox.Docker;

/// <summary>
/// A <c>dockerd</c> of this run's own (<c>--sandbox docker</c> without <c>DOCKER_HOST</c>): its data-root, exec-root,
/// pidfile, config file and unix socket all live in <c>RUN_DIR/docker</c>, it listens on no TCP port, and it is
/// told to leave the machine's network namespace alone. It is stopped by its process id at the end of the run; a
/// run killed with SIGKILL leaves it behind, and the next run's sweep stops it (<see cref="StopLeftovers"/>).
/// </summary>
internal sealed class PrivateDockerd : IDisposable
{
    /// <summary>
    /// Flags that keep dockerd out of the machine's network namespace: by default it creates <c>docker0</c>
    /// (<c>--bridge</c>), adds iptables and ip6tables chains and a MASQUERADE rule (<c>--iptables</c>,
    /// <c>--ip6tables</c>, <c>--ip-masq</c>) and turns <c>net.ipv4.ip_forward</c> on (<c>--ip-forward</c>); every
    /// container here is <c>--network none</c>, so none of that is needed. The containerd namespaces are the run's own
    /// so that, should dockerd find a system containerd on its default socket and use it, its containers never mix with
    /// another engine's (dockerd 20.10 uses a running system containerd instead of starting its own).
    /// </summary>
    private static readonly string[] IsolationFlags =
        ["--bridge=none", "--iptables=false", "--ip6tables=false", "--ip-masq=false", "--ip-forward=false"];

    private readonly Process _process;

    private PrivateDockerd(string dir, Process process)
    {
        Dir = dir;
        _process = process;
    }

    /// <summary>Everything of this daemon: <c>data</c>, <c>exec</c>, <c>docker.sock</c>, <c>dockerd.pid</c>, <c>dockerd.log</c>.</summary>
    public string Dir { get; }

    public Uri Endpoint => new("unix://" + SocketPath(Dir));

    public int Pid => _process.Id;

    /// <summary>Starts dockerd under <paramref name="dir"/>; returns once the process runs (the caller pings the API).</summary>
    public static PrivateDockerd Start(string dir)
    {
        var binary = FindDockerd() ?? throw new EnvironmentProblemException(
            "--sandbox docker needs dockerd (apt-get install docker.io busybox-static), or DOCKER_HOST naming a Docker engine on this machine");
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "daemon.json");
        File.WriteAllText(config, "{}\n"); // never the machine's /etc/docker/daemon.json (it may ask for a bridge or TCP)
        var tag = "cnitest" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // unshare + a tmpfs over /run: dockerd and its containerd write to fixed paths under /run whatever their flags
        // say (dockerd makes /run/docker/plugins, containerd 1.6 puts its shims' sockets in /run/containerd/s), which
        // would leave those directories on the machine; in a mount namespace of the daemon's own they land in a tmpfs
        // that goes with its last process. The run directory (data-root, exec-root, socket) is outside /run, so
        // cnitest still reaches the socket, and containers' network namespaces are pinned through /proc as before.
        // setsid: dockerd in a session of its own, so a Ctrl-C at the terminal (SIGINT to the whole foreground process
        // group) reaches cnitest only; cnitest then removes its containers through the API while the daemon still runs,
        // and stops it last. unshare (without --fork), sh's exec and setsid (the child is no group leader) all exec in
        // place, so the id we get is dockerd's.
        var start = new ProcessStartInfo("unshare")
        {
            // dockerd is a daemon that lives for the whole run, not a helper tool that runs to completion within a time
            // limit, so it is started here rather than through HelperCommand.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])
                 [
                     "--mount", "--propagation", "private", "--",
                     "sh", "-c", "mount -t tmpfs -o mode=0755,size=16m cnitest-dockerd-run /run && exec setsid \"$@\"", "sh",
                     binary,
                     "--config-file", config,
                     "--data-root", Path.Combine(dir, "data"),
                     "--exec-root", Path.Combine(dir, "exec"),
                     "--pidfile", Path.Combine(dir, "dockerd.pid"),
                     "--host", "unix://" + SocketPath(dir),
                     "--containerd-namespace", tag,
                     "--containerd-plugins-namespace", tag + "-plugins",
                     "--cgroup-parent", CgroupParent(dir),
                     .. IsolationFlags,
                 ])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DOCKER_HOST");
        var process = Process.Start(start) ?? throw new EnvironmentProblemException($"could not start {binary}");
        var log = new StreamWriter(Path.Combine(dir, "dockerd.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrivateDockerd(dir, process);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines dockerd logged (for an error message when it did not come up).</summary>
    public string LogTail(int lines = 5)
    {
        try
        {
            using var stream = new FileStream(Path.Combine(Dir, "dockerd.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join("\n", reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>
    /// SIGTERM, so dockerd stops its containers and its containerd itself; SIGKILL after 20 s; then whatever of this
    /// daemon still runs (a shim, a container's init) is killed by id (<see cref="StopLeftovers"/>).
    /// </summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            ProcessSignals.Send(_process.Id, ProcessSignals.SigTerm);
            if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                ProcessSignals.Send(_process.Id, ProcessSignals.SigKill);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }

        _process.Dispose();
        StopLeftovers(Dir);
    }

    /// <summary>
    /// Kills, by id, every process that belongs to a daemon started under <paramref name="dir"/>: a Docker daemon
    /// program (<see cref="DaemonPrograms"/>) whose command line names a path inside it (dockerd, its containerd and
    /// the shims are all given our exec-root), or a process whose root directory is inside it (a container's, its
    /// rootfs is under our data-root). The directory is the run's private one, so only that run's daemon matches. Used after a normal stop and by the sweep of a run killed with SIGKILL.
    /// </summary>
    public static void StopLeftovers(string dir)
    {
        var prefix = Path.GetFullPath(dir).TrimEnd('/') + "/";
        var ours = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            if (BelongsTo(entry, prefix))
            {
                ours.Add(pid);
            }
        }

        foreach (var pid in ours)
        {
            ProcessSignals.Send(pid, ProcessSignals.SigKill);
        }

        foreach (var pid in ours)
        {
            ProcessSignals.WaitGone(pid, TimeSpan.FromSeconds(5));
        }

        RemoveCgroups(dir);
    }

    /// <summary>
    /// The cgroup the daemon puts its containers under, named after the run (<c>/cnitest-run-XXXX-docker</c>): without
    /// it dockerd leaves a <c>docker</c> cgroup in every hierarchy of the machine, which outlives the run.
    /// </summary>
    private static string CgroupParent(string dir) => "/" + Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(dir).TrimEnd('/'))) + CgroupSuffix;

    /// <summary>What <see cref="CgroupParent"/> adds to the run directory's name; the stale sweep maps it back to its run.</summary>
    internal const string CgroupSuffix = "-docker";

    /// <summary>Removes the run's container cgroups in every hierarchy, deepest first (cgroups go with rmdir once empty).</summary>
    private static void RemoveCgroups(string dir)
    {
        var name = CgroupParent(dir).TrimStart('/');
        if (!Directory.Exists("/sys/fs/cgroup"))
        {
            return;
        }

        foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            var root = Path.Combine(hierarchy, name);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var cgroup in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
                         .OrderByDescending(d => d.Length).Append(root))
            {
                try
                {
                    Directory.Delete(cgroup);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // still has a process (killed above, may take a moment) or already gone: nothing more to do here
                }
            }
        }
    }

    private static readonly string[] DaemonPrograms = ["dockerd", "containerd", "containerd-shim", "containerd-shim-runc-v2", "runc"];

    private static bool BelongsTo(string procEntry, string prefix)
    {
        try
        {
            var argv = File.ReadAllText(Path.Combine(procEntry, "cmdline")).Split('\0');
            if (DaemonPrograms.Contains(Path.GetFileName(argv[0])) && argv.Any(a => a.Contains(prefix, StringComparison.Ordinal)))
            {
                return true;
            }

            var root = new FileInfo(Path.Combine(procEntry, "root")).LinkTarget;
            return root is not null && (root + "/").StartsWith(prefix, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone meanwhile
        }
    }

    private static string SocketPath(string dir) => Path.Combine(dir, "docker.sock");

    private static string? FindDockerd() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Concat(["/usr/sbin", "/usr/bin"]).Select(d => Path.Combine(d, "dockerd")).FirstOrDefault(File.Exists);

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
