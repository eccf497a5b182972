internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>
        /// pthread_create(3): a plain OS thread for <see cref="CniTest.Netlink.Namespaces.NetnsThread"/>. Returns 0 or an
        /// error number (not -1/errno). glibc 2.34+ and musl have it in libc itself.
        /// </summary>
        [System.Runtime.InteropServices.LibraryImport(Libraries.Libc, EntryPoint = "pthread_create")]
        internal static unsafe partial int pthread_create(nuint* thread, void* attributes, delegate* unmanaged<void*, void*> start, void* argument);

        /// <summary>pthread_join(3): waits for the thread to end; 0 or an error number.</summary>
        [System.Runtime.InteropServices.LibraryImport(Libraries.Libc, EntryPoint = "pthread_join")]
        internal static unsafe partial int pthread_join(nuint thread, void** result);
    }
}
