using System.Globalization;
using CniTest.Harness.Sandbox;

namespace CniTest.TestSupport;

/// <summary>
/// The machine's process table at one moment (pid and start time of every process), to assert that a run left no
/// process behind (issue 12). A process counts as left by the test only when it can be traced to it: it carries this
/// test process's marker in its environment (plugins inherit the runtime's environment, R23, and so do their
/// daemons unless they clear it), or it sits in one of cnitest's process cgroups. Processes that other programs
/// started meanwhile, and this test's own live children (a helper another test is running right now), are not
/// counted.
/// </summary>
public sealed class ProcessTable
{
    /// <summary>The environment variable every process started by this test process inherits.</summary>
    public const string MarkerVariable = "CNITEST_TEST_PROCESS_MARK";

    private static readonly string Marker = Mark();
    private readonly HashSet<(int Pid, ulong Start)> _processes;

    private ProcessTable(HashSet<(int, ulong)> processes) => _processes = processes;

    /// <summary>Reads the process table now.</summary>
    public static ProcessTable Take() => new([.. Pids().Select(Identity).OfType<(int, ulong)>()]);

    /// <summary>
    /// The processes alive now that did not exist in <paramref name="before"/> and that this test process started
    /// (directly or through cnitest and its plugins), named by pid, command line and cgroup; empty when none.
    /// </summary>
    public IReadOnlyList<string> LeftSince(ProcessTable before)
    {
        var left = new List<string>();
        foreach (var pid in Pids())
        {
            if (Identity(pid) is not { } id || before._processes.Contains(id) || IsLiveDescendantOfUs(pid))
            {
                continue;
            }

            var cgroup = FreezerCgroup(pid);
            var ours = Environ(pid).Contains($"{MarkerVariable}={Marker}") || (cgroup?.StartsWith("/cnitest-", StringComparison.Ordinal) ?? false);
            if (ours && TrackedProcess.Read(pid) is { } p)
            {
                left.Add($"{p} in freezer cgroup {cgroup}");
            }
        }

        return left;
    }

    private static string Mark()
    {
        var mark = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(MarkerVariable, mark);
        return mark;
    }

    private static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out var pid) ? pid : -1)
            .Where(pid => pid > 0 && pid != Environment.ProcessId);

    private static (int, ulong)? Identity(int pid) => TrackedProcess.Read(pid) is { } p ? (p.Pid, p.StartTicks) : null;

    /// <summary>True while the process is a child (or grandchild …) of this test process: still running, not left.</summary>
    private static bool IsLiveDescendantOfUs(int pid)
    {
        for (var depth = 0; depth < 64 && pid > 1; depth++)
        {
            pid = ParentOf(pid);
            if (pid == Environment.ProcessId)
            {
                return true;
            }
        }

        return false;
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return 0;
        }
    }

    private static string Environ(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Replace('\0', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string? FreezerCgroup(int pid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/cgroup").Select(l => l.Split(':', 3)).FirstOrDefault(f => f.Length == 3 && f[1] == "freezer")?[2];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
