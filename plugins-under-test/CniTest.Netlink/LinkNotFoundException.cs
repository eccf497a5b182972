namespace CniTest.Netlink;

/// <summary>
/// No link has the requested name or index (the kernel answered ENODEV). A distinct type because DEL and CHECK
/// branch on it: a missing interface is success for DEL.
/// </summary>
public sealed class LinkNotFoundException : NetlinkException
{
    internal LinkNotFoundException(string operation, string link, string? extendedAck)
        : base(operation, CniTest.Netlink.Errno.ENODEV, extendedAck, $"{operation}: link {link} not found")
    {
        Link = link;
    }

    /// <summary>The name or "#index" that was looked up.</summary>
    public string Link { get; }
}
