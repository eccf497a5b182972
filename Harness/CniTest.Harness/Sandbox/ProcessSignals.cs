using CniTest.Harness.Sandbox.Interop;

namespace CniTest.Harness.Sandbox;

/// <summary>
/// Signals to processes cnitest started, by id: the plugins' leftovers in a <see cref="ProcessCgroup"/> and the
/// private Docker daemon of <c>--sandbox docker</c>. <see cref="System.Diagnostics.Process.Kill()"/> only sends
/// SIGKILL, and a daemon needs SIGTERM to stop its own children in order.
/// </summary>
public static class ProcessSignals
{
    /// <summary>SIGTERM: asks a process to stop.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGKILL: ends a process at once.</summary>
    public const int SigKill = Libc.SIGKILL;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; a process that is already gone is no error.</summary>
    /// <param name="pid">A process this run started (callers prove it: cgroup membership, a pid they spawned).</param>
    /// <param name="signal">The signal number.</param>
    public static void Send(int pid, int signal) => _ = Libc.kill(pid, signal);

    /// <summary>True while <paramref name="pid"/> exists and is not a zombie.</summary>
    /// <param name="pid">The process id.</param>
    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie(pid);

    /// <summary>Waits until <paramref name="pid"/> is gone (or a zombie someone else must reap); false on timeout.</summary>
    /// <param name="pid">The process id.</param>
    /// <param name="limit">How long to wait at most.</param>
    public static bool WaitGone(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(50);
        }

        return true;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
