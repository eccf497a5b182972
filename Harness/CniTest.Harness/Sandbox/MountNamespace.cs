using System.Runtime.ExceptionServices;
using CniTest.Harness.Sandbox.Interop;

namespace CniTest.Harness.Sandbox;

/// <summary>
/// A new mount namespace pinned on a file, whose mounts can never propagate back to the machine's. Processes are
/// started in it with <see cref="NamespaceThread.Run{T}"/> (its <c>mountNamespacePath</c>); it lives until the pin is
/// unmounted (<see cref="Mounts.DetachUnmount"/>).
/// </summary>
public static class MountNamespace
{
    /// <summary>
    /// Creates a mount namespace and pins it at <paramref name="pinPath"/> (a file this call creates). A dedicated
    /// thread unshares <c>CLONE_NEWNS</c>, makes every mount in the new namespace a slave of the machine's
    /// (<c>mount --make-rslave /</c>) before anything else, runs <paramref name="setUp"/> inside it (for example
    /// <see cref="Mounts.Overlay"/>), and ends once the pin holds the namespace.
    /// </summary>
    /// <exception cref="SandboxException">
    /// Unsharing, the slave step or the pin failed. When the slave step fails, <paramref name="setUp"/> does not run.
    /// </exception>
    /// <remarks>An exception thrown by <paramref name="setUp"/> propagates unchanged and nothing is pinned.</remarks>
    public static void CreatePinned(string pinPath, Action setUp)
    {
        using (File.Create(pinPath))
        {
        }

        var tid = 0;
        Exception? error = null;
        using var ready = new ManualResetEventSlim();
        using var pinned = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            try
            {
                Libc.Check(Libc.unshare(Libc.CLONE_NEWNS), "unshare(CLONE_NEWNS)");
                // Must succeed before anything is mounted: otherwise those mounts would propagate to the machine.
                Libc.Check(Libc.mount(null, "/", null, Libc.MS_REC | Libc.MS_SLAVE, (string?)null), "mount --make-rslave /");
                setUp();
                tid = Libc.gettid();
            }
            catch (Exception e)
            {
                error = e;
            }

            ready.Set();
            pinned.Wait(); // the namespace lives as long as this thread until it is pinned
        })
        {
            IsBackground = true,
            Name = "cnitest-mntns",
        };
        thread.Start();
        ready.Wait();
        try
        {
            if (error is not null)
            {
                ExceptionDispatchInfo.Throw(error);
            }

            Mounts.Bind($"/proc/self/task/{tid}/ns/mnt", pinPath);
        }
        finally
        {
            pinned.Set();
            thread.Join();
        }
    }
}
