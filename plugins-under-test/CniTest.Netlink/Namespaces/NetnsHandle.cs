using System.Runtime.InteropServices;

namespace CniTest.Netlink.Namespaces;

/// <summary>
/// An open network namespace file (a pin under /run/netns or a private dir, or /proc/PID/ns/net). Pass it to
/// <see cref="NetnsThread.Run{T}(NetnsHandle, Func{T})"/> to work inside the namespace, or to
/// <see cref="Rtnl.RtnlHandle.LinkSetNetnsFd"/> / <see cref="Rtnl.RtnlHandle.LinkAddVeth"/> to move a link there.
/// </summary>
public sealed class NetnsHandle : SafeHandle
{
    /// <summary>The calling thread's own namespace.</summary>
    internal const string ThreadSelfPath = "/proc/thread-self/ns/net";

    private NetnsHandle(int fd, string path)
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
        SetHandle(fd);
        Path = path;
    }

    /// <summary>The path it was opened from.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override bool IsInvalid => handle < 0;

    /// <summary>
    /// Opens <paramref name="path"/> after checking it is a namespace file (statfs magic NSFS_MAGIC or
    /// PROC_SUPER_MAGIC, as plugins pkg/ns IsNSorErr does).
    /// </summary>
    /// <exception cref="NetnsNotFoundException">The path does not exist.</exception>
    /// <exception cref="NotANetnsException">The path is some other file.</exception>
    public static unsafe NetnsHandle Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var buffer = stackalloc byte[Interop.Libc.StatfsBufferSize];
        if (Interop.Libc.statfs(path, buffer) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == Errno.ENOENT ? new NetnsNotFoundException(path) : new NetlinkException($"statfs {path}", errno);
        }

        var magic = *(long*)buffer;
        if (magic is not (Interop.Libc.NSFS_MAGIC or Interop.Libc.PROC_SUPER_MAGIC))
        {
            throw new NotANetnsException(path, magic);
        }

        var fd = Interop.Libc.open(path, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == Errno.ENOENT ? new NetnsNotFoundException(path) : new NetlinkException($"open {path}", errno);
        }

        return new NetnsHandle(fd, path);
    }

    /// <summary>Opens the calling thread's current namespace.</summary>
    public static NetnsHandle OpenCurrent() => Open(ThreadSelfPath);

    /// <summary>The namespace's device and inode.</summary>
    public NetnsIdentity Identity => NetnsIdentity.Of(this);

    /// <inheritdoc />
    protected override bool ReleaseHandle() => Interop.Libc.close((int)handle) == 0;
}
