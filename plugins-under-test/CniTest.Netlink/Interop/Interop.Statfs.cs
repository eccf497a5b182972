using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // linux/magic.h
        internal const long NSFS_MAGIC = 0x6e736673;
        internal const long PROC_SUPER_MAGIC = 0x9fa0;

        /// <summary>
        /// statfs(2) into a caller buffer. Only <c>f_type</c> is read: it is the first field and a <c>long</c> on the
        /// 64-bit ABIs we ship for (x86_64, aarch64); struct statfs is 120 bytes there, so 128 is enough.
        /// </summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "statfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static unsafe partial int statfs(string path, byte* buf);

        internal const int StatfsBufferSize = 128;
    }
}
