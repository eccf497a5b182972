using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_RDONLY = 0x0;
        internal const int O_CREAT = 0x40;
        internal const int O_CLOEXEC = 0x80000;

        /// <summary>open(2). Used for the lock file so .NET's own advisory FileShare lock does not get in the way.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        internal static partial int Open(string path, int flags, uint mode);
    }
}
