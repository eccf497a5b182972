using System.Runtime.InteropServices;

internal static partial class Interop
{
    internal static partial class Libc
    {
        // linux/netlink.h
        internal const int SOL_NETLINK = 270;

        /// <summary>Kernel echoes only the header of a failed request, not the whole request, in NLMSG_ERROR.</summary>
        internal const int NETLINK_CAP_ACK = 10;

        /// <summary>Kernel appends extended-ack TLVs (NLMSGERR_ATTR_MSG: a human-readable reason) to NLMSG_ERROR.</summary>
        internal const int NETLINK_EXT_ACK = 11;

        /// <summary>
        /// Kernel validates dump requests strictly and honours their filters (ifa_index of RTM_GETADDR, 4.20+); without
        /// it a dump ignores the filter and walks every device of the namespace.
        /// </summary>
        internal const int NETLINK_GET_STRICT_CHK = 12;

        /// <summary>setsockopt(2) with an int option value.</summary>
        [LibraryImport(Libraries.Libc, EntryPoint = "setsockopt", SetLastError = true)]
        internal static unsafe partial int setsockopt(SafeHandle fd, int level, int optname, int* optval, int optlen);
    }
}
