using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Return the real datagram length even when it did not fit, so truncation is detectable.</summary>
        internal const int MSG_TRUNC = 0x20;

        /// <summary>recvfrom(2): the source address tells kernel messages (<c>nl_pid</c> 0) from other senders.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "recvfrom", SetLastError = true)]
        internal static unsafe partial nint recvfrom(SafeHandle fd, byte* buf, nuint len, int flags, sockaddr_nl* addr, int* addrlen);
    }
}
