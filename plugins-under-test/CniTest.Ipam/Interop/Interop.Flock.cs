using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int LOCK_EX = 2;
        internal const int EINTR = 4;

        /// <summary>flock(2), the lock Go's host-local takes on <c>&lt;dataDir&gt;/&lt;network&gt;/lock</c>.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "flock", SetLastError = true)]
        internal static partial int Flock(SafeFileHandle fd, int operation);
    }
}
