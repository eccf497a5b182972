using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary><c>struct sockaddr_nl</c> from linux/netlink.h (12 bytes).</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct sockaddr_nl
        {
            internal ushort nl_family;
            internal ushort nl_pad;
            internal uint nl_pid;
            internal uint nl_groups;
        }

        /// <summary>bind(2).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "bind", SetLastError = true)]
        internal static unsafe partial int bind(SafeHandle fd, sockaddr_nl* addr, int addrlen);

        /// <summary>getsockname(2): after binding with nl_pid 0 the kernel tells us the port id it picked.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "getsockname", SetLastError = true)]
        internal static unsafe partial int getsockname(SafeHandle fd, sockaddr_nl* addr, int* addrlen);
    }
}
