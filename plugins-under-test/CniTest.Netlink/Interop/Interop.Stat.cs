using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// stat(2) into a caller buffer (glibc exports <c>stat</c> since 2.33). Only <c>st_dev</c> and <c>st_ino</c>
        /// are read: the first two 8-byte fields on x86_64 and on the generic aarch64 layout. struct stat is 144
        /// bytes on x86_64 and 128 on aarch64, so 256 is enough.
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int stat(string path, byte* buf);

        internal const int StatBufferSize = 256;
    }
}
