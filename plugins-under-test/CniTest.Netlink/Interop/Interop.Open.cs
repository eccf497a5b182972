using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // <fcntl.h>
        internal const int O_RDONLY = 0;
        internal const int O_CLOEXEC = 0x80000;
        internal const int O_DIRECTORY = 0x10000;
        internal const int O_PATH = 0x200000;

        /// <summary>open(2); used for namespace files, which FileStream would try to lock and seek.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int open(string path, int flags);

        /// <summary>openat(2): a path relative to a directory descriptor (see NetSysctlDirectory for why).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "openat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int openat(SafeHandle dirfd, string path, int flags);
    }
}
