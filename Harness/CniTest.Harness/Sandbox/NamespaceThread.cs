#pragma warning disable CS1734 // paramref names a renamed parameter; fixed by the runtime refactor (issue 9)
using CniTest.Harness.Sandbox.Interop;

namespace CniTest.Harness.Sandbox;

/// <summary>
/// Runs a callback on a fresh, dedicated OS thread that has joined a network namespace.
/// </summary>
/// <remarks>
/// setns(2) changes only the calling thread. Doing it on a pool thread, or across an await, would leak the
/// namespace into unrelated work (plugins pkg/ns README). So every call gets a new thread that enters the
/// namespace, runs the callback synchronously, and then ends: it is never returned to anyone, so there is
/// nothing to restore. A child started by <c>Process.Start</c> on that thread is born in that namespace
/// (shared/FACTS.md), which is how plugins run "inside the fake host" without nsenter.
/// </remarks>
public static class NamespaceThread
{
    /// <summary>Runs <paramref name="action"/> inside the network namespace at <paramref name="netnsPath"/>.</summary>
    /// <param name="netnsPath">A pinned network namespace.</param>
    /// <param name="action">Runs synchronously on the dedicated thread.</param>
    /// <param name="mountNamespacePath">
    /// Optionally a pinned mount namespace to join first. The kernel refuses <c>setns(CLONE_NEWNS)</c> to a thread
    /// that shares its filesystem attributes with other threads, so the thread unshares <c>CLONE_FS</c> first;
    /// the thread ends afterwards, so nothing else ever sees the changed root.
    /// </param>
    /// <param name="cgroup">
    /// Optionally a cgroup the thread joins first, so every process started by <paramref name="action"/> (and all
    /// its descendants) is born in it and can be listed and killed later (issue 12).
    /// </param>
    public static T Run<T>(string netnsPath, Func<T> action, string? mountNamespacePath = null, ProcessCgroup? cgroup = null)
    {
        T? result = default;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                cgroup?.JoinCurrentThread();
                if (mountNamespacePath is not null)
                {
                    Libc.Check(Libc.unshare(Libc.CLONE_FS), "unshare(CLONE_FS)");
                    Join(mountNamespacePath, Libc.CLONE_NEWNS);
                }

                Join(netnsPath, Libc.CLONE_NEWNET);
                result = action();
            }
            catch (Exception e)
            {
                error = e;
            }
        })
        {
            IsBackground = true,
            Name = "cnitest-netns",
        };
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        return result!;
    }

    private static void Join(string path, int nstype)
    {
        var fd = Libc.Check(Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC), $"open {path}");
        try
        {
            Libc.Check(Libc.setns(fd, nstype), $"setns {path}");
        }
        finally
        {
            Libc.close(fd);
        }
    }

    /// <summary>Runs <paramref name="action"/> on a new thread that first unshares into a new network namespace.</summary>
    internal static void RunInNewNamespace(Action<int> actionWithTid)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                Libc.Check(Libc.unshare(Libc.CLONE_NEWNET), "unshare(CLONE_NEWNET)");
                actionWithTid(Environment.CurrentManagedThreadId);
            }
            catch (Exception e)
            {
                error = e;
            }
        })
        {
            IsBackground = true,
            Name = "cnitest-netns-new",
        };
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }
}
