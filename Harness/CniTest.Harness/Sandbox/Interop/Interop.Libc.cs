using System.Runtime.InteropServices;

namespace CniTest.Harness.Sandbox.Interop;

/// <summary>
/// The few libc calls the sandbox needs, one place, kernel spelling for constants (STYLE example 10).
/// Every call goes through <see cref="Check"/> so errno becomes a typed exception with the syscall's name.
/// </summary>
internal static partial class Libc
{
    private const string LibraryName = "libc";

    internal const int CLONE_NEWNET = 0x40000000;
    internal const int CLONE_NEWNS = 0x00020000;
    internal const int CLONE_FS = 0x00000200;
    internal const ulong MS_REC = 0x4000;
    internal const ulong MS_PRIVATE = 1 << 18;
    internal const ulong MS_SLAVE = 1 << 19;
    internal const ulong MS_SHARED = 1 << 20;
    internal const ulong MS_BIND = 0x1000;
    internal const int MNT_DETACH = 0x2;
    internal const int O_RDONLY = 0x0;
    internal const int O_CLOEXEC = 0x80000;
    internal const uint NS_GET_NSTYPE = 0xb703; // _IO(0xb7, 0x3), linux/nsfs.h

    [LibraryImport(LibraryName, EntryPoint = "setns", SetLastError = true)]
    internal static partial int setns(int fd, int nstype);

    [LibraryImport(LibraryName, EntryPoint = "unshare", SetLastError = true)]
    internal static partial int unshare(int flags);

    [LibraryImport(LibraryName, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string source, string target, string? fstype, ulong flags, IntPtr data);

    [LibraryImport(LibraryName, EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int umount2(string target, int flags);

    [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags);

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(LibraryName, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int ioctl(int fd, uint request);

    [LibraryImport(LibraryName, EntryPoint = "gettid")]
    internal static partial int gettid();

    [LibraryImport(LibraryName, EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mount(string? source, string target, string? fstype, ulong flags, string? data);

    internal const int SIGKILL = 9;

    [LibraryImport(LibraryName, EntryPoint = "kill", SetLastError = true)]
    internal static partial int kill(int pid, int sig);

    [LibraryImport(LibraryName, EntryPoint = "geteuid")]
    internal static partial uint geteuid();

    // The plugin executor's I/O loop (Invocation/PipeLoop.cs): one poll() over every call's pipes and pidfd.
    internal const short POLLIN = 0x1;
    internal const short POLLOUT = 0x4;
    internal const short POLLNVAL = 0x20;
    internal const int F_GETFL = 3;
    internal const int F_SETFL = 4;
    internal const int O_NONBLOCK = 0x800;
    internal const int EFD_NONBLOCK = 0x800;
    internal const int EFD_CLOEXEC = 0x80000;
    internal const int EAGAIN = 11;
    internal const int EINTR = 4;
    internal const int ESRCH = 3;
    internal const long SYS_pidfd_open = 434; // the same number on every architecture (asm-generic)

    internal struct PollFd
    {
        internal int Fd;
        internal short Events;
        internal short Revents;
    }

    [LibraryImport(LibraryName, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int poll(PollFd* fds, nuint nfds, int timeout);

    [LibraryImport(LibraryName, EntryPoint = "read", SetLastError = true)]
    internal static unsafe partial nint read(int fd, byte* buffer, nuint count);

    [LibraryImport(LibraryName, EntryPoint = "write", SetLastError = true)]
    internal static unsafe partial nint write(int fd, byte* buffer, nuint count);

    [LibraryImport(LibraryName, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(LibraryName, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int eventfd(uint initval, int flags);

    // glibc wraps pidfd_open only since 2.36; the raw syscall works with any libc on kernels >= 5.3.
    [LibraryImport(LibraryName, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long syscall(long number, long arg1, long arg2);

    /// <summary>Throws <see cref="SandboxException"/> naming <paramref name="call"/> when <paramref name="rc"/> &lt; 0.</summary>
    internal static int Check(int rc, string call)
    {
        if (rc < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SandboxException($"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
        }

        return rc;
    }
}
