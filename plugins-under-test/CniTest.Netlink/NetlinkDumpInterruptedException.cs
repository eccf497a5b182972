namespace CniTest.Netlink;

/// <summary>
/// The kernel flagged a dump with NLM_F_DUMP_INTR: the table changed while it was being read, so the list may be
/// inconsistent. Retrying the dump is the fix (plugins pkg/netlinksafe does exactly that); the list verbs of
/// <see cref="Rtnl.RtnlHandle"/> retry a few times before letting this escape.
/// </summary>
public sealed class NetlinkDumpInterruptedException : NetlinkException
{
    internal NetlinkDumpInterruptedException(string operation)
        : base(operation, CniTest.Netlink.Errno.EINTR, message: $"{operation}: dump interrupted by a concurrent change (NLM_F_DUMP_INTR); retry")
    {
    }
}
