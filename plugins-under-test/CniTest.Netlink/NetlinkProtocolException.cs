namespace CniTest.Netlink;

/// <summary>
/// A reply was malformed: a length field pointed past the data, a datagram was truncated, or an attribute was
/// too short for its type. Never trusted, always reported (Errno is EBADMSG).
/// </summary>
public sealed class NetlinkProtocolException : NetlinkException
{
    internal NetlinkProtocolException(string detail)
        : base("netlink parse", CniTest.Netlink.Errno.EBADMSG, message: $"malformed netlink data: {detail}")
    {
    }
}
