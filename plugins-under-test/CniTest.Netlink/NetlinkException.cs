using System.Runtime.InteropServices;

namespace CniTest.Netlink;

/// <summary>
/// A netlink request or the socket under it failed. <see cref="Errno"/> is the kernel's answer (compare it with
/// the constants in <see cref="CniTest.Netlink.Errno"/>); <see cref="ExtendedAck"/> is the kernel's own
/// explanation when it sent one (NETLINK_EXT_ACK, e.g. "Invalid prefix for given prefix length").
/// </summary>
public class NetlinkException : Exception
{
    internal NetlinkException(string operation, int errno, string? extendedAck = null, string? message = null)
        : base(message ?? Describe(operation, errno, extendedAck))
    {
        Operation = operation;
        Errno = errno;
        ExtendedAck = extendedAck;
    }

    /// <summary>What was being done, e.g. "RTM_NEWLINK veth0" or "socket(NETLINK_ROUTE)".</summary>
    public string Operation { get; }

    /// <summary>The positive errno value, e.g. 17 for EEXIST.</summary>
    public int Errno { get; }

    /// <summary>The kernel's extended-ack message (NLMSGERR_ATTR_MSG), or null when it sent none.</summary>
    public string? ExtendedAck { get; }

    private static string Describe(string operation, int errno, string? extendedAck)
    {
        var text = $"{operation}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
        return extendedAck is null ? text : $"{text}: {extendedAck}";
    }
}
