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
