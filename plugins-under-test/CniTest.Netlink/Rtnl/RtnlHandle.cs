using CniTest.Netlink.Wire;

namespace CniTest.Netlink.Rtnl;

/// <summary>
/// One NETLINK_ROUTE socket and the rtnetlink verbs on it (vishvananda/netlink Handle). The socket belongs to the
/// network namespace of the thread that constructed the handle, for its whole life, whichever thread uses it
/// later; so construct it inside <see cref="Namespaces.NetnsThread.Run{T}(string, Func{T})"/> to act on a
/// container's namespace. Verbs are named Object + Verb and each documents its iproute2 equivalent. Not
/// thread-safe: one request at a time.
/// </summary>
public sealed partial class RtnlHandle : IDisposable
{
    // plugins pkg/netlinksafe retries interrupted dumps up to 10 times; a dump of a namespace is small, so a retry
    // is cheap and a persistent interruption means something else is wrong.
    private const int DumpAttempts = 10;

    private readonly NetlinkSocket _socket;

    /// <summary>Opens a NETLINK_ROUTE socket in the calling thread's network namespace.</summary>
    public RtnlHandle() => _socket = NetlinkSocket.Open();

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();

    private void Execute(NetlinkMessageWriter request, string operation, NetlinkReplyHandler? handler = null) =>
        _socket.Execute(request, operation, handler);

    /// <summary>Runs a request whose target is one link, so ENODEV becomes <see cref="LinkNotFoundException"/>.</summary>
    private void ExecuteOnLink(NetlinkMessageWriter request, string operation, string link, NetlinkReplyHandler? handler = null)
    {
        try
        {
            _socket.Execute(request, operation, handler);
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENODEV && e is not LinkNotFoundException)
        {
            throw new LinkNotFoundException(operation, link, e.ExtendedAck);
        }
    }

    /// <summary>Runs a dump, starting over when the kernel reports it was interrupted by a concurrent change.</summary>
    private List<T> Dump<T>(Func<NetlinkMessageWriter> request, string operation, Func<NetlinkMessage, T?> parse)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var results = new List<T>();
            try
            {
                Execute(request(), operation, message =>
                {
                    if (parse(message) is { } item)
                    {
                        results.Add(item);
                    }
                });
                return results;
            }
            catch (NetlinkDumpInterruptedException) when (attempt < DumpAttempts)
            {
            }
        }
    }
}
