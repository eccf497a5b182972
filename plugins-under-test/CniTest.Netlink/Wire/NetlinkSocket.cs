using CniTest.Netlink.Diagnostics;
using static Interop.Libc;

namespace CniTest.Netlink.Wire;

/// <summary>
/// One NETLINK_ROUTE socket. The kernel binds a netlink socket to the network namespace of the thread that
/// creates it, for its whole life; so open it on a thread inside the target namespace (see NetnsThread).
/// Not thread-safe: one request at a time.
/// </summary>
internal sealed unsafe class NetlinkSocket : IDisposable
{
    // A dump part is at most 32 KiB (netlink_dump caps its skb allocation there); 64 KiB leaves room for the
    // odd large single reply, and MSG_TRUNC tells us if even that was not enough.
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly FileDescriptorHandle _fd;
    // Uninitialized: only the bytes recvfrom wrote are read, and zeroing 64 KiB per socket (three per ADD) showed up
    // in profiles as GC memset plus page faults.
    private readonly byte[] _receiveBuffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize);
    private uint _sequence;

    private NetlinkSocket(FileDescriptorHandle fd, uint portId)
    {
        _fd = fd;
        PortId = portId;
        _sequence = (uint)Environment.TickCount; // any start will do; distinct per socket helps when reading strace
    }

    /// <summary>The port id the kernel gave this socket; replies to us carry it in nlmsg_pid.</summary>
    internal uint PortId { get; }

    /// <summary>Whether the kernel applies dump filters (NETLINK_GET_STRICT_CHK accepted); if not, filter the replies.</summary>
    internal bool StrictDumps { get; private init; }

    /// <summary>Opens and binds a NETLINK_ROUTE socket in the calling thread's network namespace.</summary>
    internal static NetlinkSocket Open()
    {
        var fd = new FileDescriptorHandle(Interop.CheckIo(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), "socket(AF_NETLINK, NETLINK_ROUTE)"));
        try
        {
            // Both are best effort: kernels before 4.12 lack EXT_ACK and we only lose the explanatory text.
            var on = 1;
            setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof(int));
            setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &on, sizeof(int));

            // Strict dumps (4.20+): the kernel then honours a dump's filters, so "addresses of one link" costs one
            // device, not a walk over every device of the namespace (a host with 200 bridge ports). Our requests are
            // built as iproute2's, which enables this too, so they pass the stricter header checks.
            var strict = setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &on, sizeof(int)) == 0;
            KernelCallTrace.Socket(strict);

            var address = new sockaddr_nl { nl_family = AF_NETLINK };
            Interop.CheckIo(bind(fd, &address, sizeof(sockaddr_nl)), "bind(AF_NETLINK)");
            var length = sizeof(sockaddr_nl);
            Interop.CheckIo(getsockname(fd, &address, &length), "getsockname(AF_NETLINK)");
            return new NetlinkSocket(fd, address.nl_pid) { StrictDumps = strict };
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> and processes replies until it is acknowledged or the dump is done.
    /// <paramref name="handler"/> sees every data message of the reply.
    /// </summary>
    internal void Execute(NetlinkMessageWriter request, string operation, NetlinkReplyHandler? handler = null)
    {
        var sequence = ++_sequence;
        Send(request.Finish(sequence), operation);
        var processor = new NetlinkReplyProcessor(operation, sequence, PortId, handler);
        while (!processor.IsComplete)
        {
            processor.Process(Receive(operation));
        }
    }

    public void Dispose() => _fd.Dispose();

    private void Send(ReadOnlySpan<byte> message, string operation)
    {
        var kernel = new sockaddr_nl { nl_family = AF_NETLINK };
        if (KernelCallTrace.Enabled)
        {
            KernelCallTrace.Send(message);
        }

        fixed (byte* p = message)
        {
            nint sent;
            do
            {
                sent = sendto(_fd, p, (nuint)message.Length, 0, &kernel, sizeof(sockaddr_nl));
            }
            while (sent < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Errno.EINTR);

            Interop.CheckIo(sent, $"{operation}: sendto");
        }
    }

    private ReadOnlySpan<byte> Receive(string operation)
    {
        while (true)
        {
            var from = default(sockaddr_nl);
            var fromLength = sizeof(sockaddr_nl);
            nint received;
            fixed (byte* p = _receiveBuffer)
            {
                received = recvfrom(_fd, p, (nuint)_receiveBuffer.Length, MSG_TRUNC, &from, &fromLength);
            }

            if (received < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Errno.EINTR)
            {
                continue;
            }

            Interop.CheckIo(received, $"{operation}: recvfrom");
            if (received > _receiveBuffer.Length)
            {
                throw new NetlinkProtocolException($"{operation}: a {received}-byte reply did not fit the {_receiveBuffer.Length}-byte buffer");
            }

            // Only the kernel (port 0) answers requests; anything else on this socket is not for us.
            if (from.nl_pid != 0)
            {
                continue;
            }

            if (KernelCallTrace.Enabled)
            {
                KernelCallTrace.Receive((int)received);
            }

            return _receiveBuffer.AsSpan(0, (int)received);
        }
    }
}
