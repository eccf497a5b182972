using CniTest.Harness.Sandbox.Interop;

namespace CniTest.Harness.Sandbox;

/// <summary>
/// A network namespace that this process created, pinned by a bind mount on a file that we own, and removed
/// on <see cref="Dispose"/>. Nothing is written under /run/netns: the pin file lives in a directory the caller
/// chooses, so the machine's namespace list is never touched.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private int _disposed;

    private NetworkNamespace(string path, string? kernelName)
    {
        Path = path;
        KernelName = kernelName;
    }

    /// <summary>The pin file; pass it as <c>CNI_NETNS</c> or to <see cref="NamespaceThread.Run{T}"/>.</summary>
    public string Path { get; }

    /// <summary>
    /// The kernel's name of the namespace (<c>net:[INODE]</c>), as <c>/proc/PID/ns/net</c> and a process's descriptors
    /// show it: how a process that keeps it alive is recognised (P75).
    /// </summary>
    public string? KernelName { get; }

    /// <summary>The kernel's name (<c>net:[INODE]</c>) of the namespace pinned at <paramref name="pinPath"/>; null when none is.</summary>
    public static string? KernelNameOf(string pinPath)
    {
        // A descriptor of the pin reads back as its path, not as the namespace: ask from inside instead.
        try
        {
            return NamespaceThread.Run(pinPath, () => new FileInfo("/proc/thread-self/ns/net").LinkTarget);
        }
        catch (SandboxException)
        {
            return null;
        }
    }

    /// <summary>True when this process may create namespaces (root).</summary>
    public static bool CanCreate => OperatingSystem.IsLinux() && Libc.geteuid() == 0;

    /// <summary>
    /// True when <paramref name="path"/> opens as a network namespace (a pin under /run/netns, /proc/PID/ns/net):
    /// the kernel's <c>NS_GET_NSTYPE</c> answers <c>CLONE_NEWNET</c>. A regular file, /dev/null or another kind of
    /// namespace (/proc/self/ns/mnt) is not one, which a file-exists test cannot tell.
    /// </summary>
    public static bool IsNetworkNamespaceFile(string path)
    {
        var fd = Libc.open(path, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            return Libc.ioctl(fd, Libc.NS_GET_NSTYPE) == Libc.CLONE_NEWNET;
        }
        finally
        {
            Libc.close(fd);
        }
    }

    /// <summary>Creates a new, empty network namespace pinned at <paramref name="pinPath"/> (the file must not exist).</summary>
    public static NetworkNamespace Create(string pinPath)
    {
        if (!CanCreate)
        {
            throw new SandboxException("creating a network namespace needs root (CAP_SYS_ADMIN)");
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(pinPath))!);
        using (File.Create(pinPath, 1, FileOptions.None))
        {
        }

        string? kernelName = null;
        try
        {
            // thread-self names the calling thread's namespaces, which after unshare are the new ones; the thread
            // reads the namespace's kernel name there too, rather than entering it again later (KernelNameOf).
            NamespaceThread.RunInNewNamespace(_ =>
            {
                Libc.Check(
                    Libc.mount("/proc/thread-self/ns/net", pinPath, null, Libc.MS_BIND, IntPtr.Zero),
                    $"mount --bind /proc/thread-self/ns/net {pinPath}");
                kernelName = new FileInfo("/proc/thread-self/ns/net").LinkTarget;
            });
        }
        catch
        {
            File.Delete(pinPath);
            throw;
        }

        return new NetworkNamespace(System.IO.Path.GetFullPath(pinPath), kernelName);
    }

    /// <summary>Runs <paramref name="action"/> on a dedicated thread inside this namespace.</summary>
    public T Run<T>(Func<T> action) => NamespaceThread.Run(Path, action);

    /// <summary>
    /// Unpins and deletes the namespace. The kernel frees it (and every link, route and rule in it) once the
    /// last process inside has exited; veth peers in other namespaces go with it.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Remove(Path);
    }

    /// <summary>Unmounts and deletes a pin file; tolerant of one that is already gone (DEL-style idempotence).</summary>
    public static void Remove(string pinPath)
    {
        if (!File.Exists(pinPath))
        {
            return;
        }

        Mounts.DetachUnmount(pinPath); // may already be unmounted; the delete below is what matters
        try
        {
            File.Delete(pinPath);
        }
        catch (IOException)
        {
        }
    }
}
