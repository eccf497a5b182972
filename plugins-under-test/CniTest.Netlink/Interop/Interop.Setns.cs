using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // <sched.h>
        internal const int CLONE_NEWNET = 0x40000000;

        /// <summary>setns(2): moves only the calling thread (see Namespaces/README.md).</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "setns", SetLastError = true)]
        internal static partial int setns(SafeHandle fd, int nstype);
    }
}
