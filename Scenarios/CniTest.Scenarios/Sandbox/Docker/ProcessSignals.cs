using System.Runtime.InteropServices;

namespace CniTest.Scenarios.Sandbox.Docker;

/// <summary>
/// Signals to processes this run started, by id. <see cref="System.Diagnostics.Process.Kill()"/> only sends SIGKILL,
/// and the daemon needs SIGTERM to stop its containers and its containerd in order.
/// </summary>
internal static partial class ProcessSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    public static void Send(int pid, int signal) => _ = kill(pid, signal);

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie(pid);

    /// <summary>Waits until <paramref name="pid"/> is gone (or a zombie someone else must reap); false on timeout.</summary>
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

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // two ints: no marshalling for a source generator to save
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
