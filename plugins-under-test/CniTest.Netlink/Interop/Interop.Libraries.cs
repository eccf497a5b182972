internal static partial class Interop
{
    internal static class Libraries
    {
        /// <summary>glibc (and musl) resolve "libc" to the C library already loaded into the process.</summary>
        internal const string Libc = "libc";
    }
}
