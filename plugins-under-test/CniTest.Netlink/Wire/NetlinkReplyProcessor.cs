using static CniTest.Netlink.Wire.NetlinkConstants;

namespace CniTest.Netlink.Wire;

/// <summary>Receives each data message of a reply (not ACK, ERROR, DONE: those are handled for you).</summary>
internal delegate void NetlinkReplyHandler(NetlinkMessage message);

/// <summary>
/// The receive-side state machine for one request, separate from the socket so it can be fed datagrams in tests.
/// Messages whose sequence number or port id are not ours are skipped (a late answer to an earlier request, as in
/// vishvananda/netlink nl_linux.go). A request ends at its ACK (NLMSG_ERROR with errno 0), at an error, or, for
/// dumps, at NLMSG_DONE. A dump flagged NLM_F_DUMP_INTR is read to its end, then reported as interrupted.
/// </summary>
internal sealed class NetlinkReplyProcessor(string operation, uint sequence, uint portId, NetlinkReplyHandler? handler)
{
    private bool _interrupted;

    /// <summary>True once the ACK or NLMSG_DONE arrived: stop receiving.</summary>
    internal bool IsComplete { get; private set; }

    /// <summary>Processes one received datagram; throws <see cref="NetlinkException"/> when the kernel reports an error.</summary>
    internal void Process(ReadOnlySpan<byte> datagram)
    {
        foreach (var message in new NetlinkMessageReader(datagram))
        {
            if (IsComplete)
            {
                throw new NetlinkProtocolException($"{operation}: message type {message.Type} after the reply had ended");
            }

            if (message.Header.nlmsg_seq != sequence || message.Header.nlmsg_pid != portId)
            {
                continue;
            }

            if ((message.Flags & NLM_F_DUMP_INTR) != 0)
            {
                _interrupted = true;
            }

            switch (message.Type)
            {
                case NLMSG_NOOP:
                    break;
                case NLMSG_ERROR:
                    var errno = NetlinkErrorMessage.ParseError(message, out var ack);
                    if (errno != 0)
                    {
                        throw new NetlinkException(operation, errno, ack);
                    }

                    Complete();
                    break;
                case NLMSG_DONE:
                    var doneErrno = NetlinkErrorMessage.ParseDone(message, out var doneAck);
                    if (doneErrno != 0)
                    {
                        throw new NetlinkException(operation, doneErrno, doneAck);
                    }

                    Complete();
                    break;
                case NLMSG_OVERRUN:
                    throw new NetlinkProtocolException($"{operation}: NLMSG_OVERRUN, data was lost");
                default:
                    handler?.Invoke(message);
                    break;
            }
        }
    }

    private void Complete()
    {
        IsComplete = true;
        if (_interrupted)
        {
            throw new NetlinkDumpInterruptedException(operation);
        }
    }
}
