using System.ComponentModel;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CniTest.Ipam.Store;

/// <summary>
/// An exclusive <c>flock</c> on a file, held until disposed: the same lock Go's host-local takes, so both
/// implementations serialise against each other on a shared data directory (P8). The file is opened with
/// open(2) directly because .NET's FileStream takes its own non-blocking shared flock, which fails while another
/// process holds ours.
/// </summary>
internal sealed class FileLock : IDisposable
{
    // host-local creates its lock file as 0750 (observed with Debian's 1.1.1 under umask 022).
    private const uint LockFileMode = 0x1E8; // 0750

    private readonly SafeFileHandle _handle;

    private FileLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>Creates <paramref name="path"/> if needed and blocks until the lock is ours.</summary>
    public static FileLock Acquire(string path)
    {
        var fd = Interop.Libc.Open(path, Interop.Libc.O_RDONLY | Interop.Libc.O_CREAT | Interop.Libc.O_CLOEXEC, LockFileMode);
        if (fd < 0)
            throw Error($"open {path}");
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        while (Interop.Libc.Flock(handle, Interop.Libc.LOCK_EX) != 0)
        {
            if (Marshal.GetLastPInvokeError() == Interop.Libc.EINTR)
                continue;
            var error = Error($"flock {path}");
            handle.Dispose();
            throw error;
        }
        return new FileLock(handle);
    }

    /// <summary>Closing the descriptor releases the lock.</summary>
    public void Dispose() => _handle.Dispose();

    private static IOException Error(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {new Win32Exception(errno).Message}", errno);
    }
}
