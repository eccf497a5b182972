using System.Runtime.InteropServices;

namespace CniTest.Netlink.Namespaces;

/// <summary>
/// What makes two network namespace files the same namespace: the nsfs device and inode (what <c>ip netns
/// identify</c> and the Go plugins' skel compare). Used to refuse a CNI_NETNS that is the plugin's own namespace
/// (plugins#714: a stale /proc/PID/ns/net of a reused PID pointed at the host).
/// </summary>
public readonly record struct NetnsIdentity(ulong Device, ulong Inode)
{
    /// <summary>The namespace of the calling thread (which may differ from the process's after setns).</summary>
    public static NetnsIdentity OfCurrentThread() => Of(NetnsHandle.ThreadSelfPath);

    /// <summary>The namespace of the process's main thread: the one the plugin was started in.</summary>
    public static NetnsIdentity OfProcess() => Of("/proc/self/ns/net");

    /// <summary>stat(2)s <paramref name="path"/> (following the /proc magic link).</summary>
    /// <exception cref="NetnsNotFoundException">The path does not exist.</exception>
    public static unsafe NetnsIdentity Of(string path)
    {
        var buffer = stackalloc byte[Interop.Libc.StatBufferSize];
        if (Interop.Libc.stat(path, buffer) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == Errno.ENOENT
                ? new NetnsNotFoundException(path)
                : new NetlinkException($"stat {path}", errno);
        }

        return FromStatBuffer(buffer);
    }

    /// <summary>fstat(2)s an open namespace handle.</summary>
    public static unsafe NetnsIdentity Of(SafeHandle handle)
    {
        var buffer = stackalloc byte[Interop.Libc.StatBufferSize];
        Interop.CheckIo(Interop.Libc.fstat(handle, buffer), "fstat netns");
        return FromStatBuffer(buffer);
    }

    private static unsafe NetnsIdentity FromStatBuffer(byte* buffer) =>
        new(*(ulong*)buffer, *(ulong*)(buffer + sizeof(ulong)));
}
