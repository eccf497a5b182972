using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// fstat(2) into a caller buffer (glibc exports <c>fstat</c> since 2.33). Read with the same layout rules as
        /// <see cref="stat"/>: <c>st_dev</c> and <c>st_ino</c> are the first two 8-byte fields.
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "fstat", SetLastError = true)]
        internal static unsafe partial int fstat(SafeHandle fd, byte* buf);
    }
}
