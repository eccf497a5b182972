using System.Runtime.InteropServices;

namespace CniTest.Netlink;

/// <summary>
/// Owns one file descriptor and closes it exactly once (Tmds.DBus CloseSafeHandle). SafeHandle ref-counting also
/// keeps the fd from being closed and reused while a P/Invoke on another thread still holds it.
/// </summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    internal FileDescriptorHandle()
        : base(invalidHandleValue: -1, ownsHandle: true)
    {
    }

    internal FileDescriptorHandle(int fd)
        : this() => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => Interop.Libc.close((int)handle) == 0;
}
