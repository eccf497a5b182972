using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>sendto(2) to the kernel (<c>nl_pid</c> 0).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "sendto", SetLastError = true)]
        internal static unsafe partial nint sendto(SafeHandle fd, byte* buf, nuint len, int flags, sockaddr_nl* addr, int addrlen);
    }
}
