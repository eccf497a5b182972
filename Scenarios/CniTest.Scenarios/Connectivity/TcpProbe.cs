using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CniTest.Scenarios.Connectivity;

/// <summary>
/// A TCP connection from one namespace to a listener in another, with one message each way. The listener reports
/// the source address it saw: the pod's own address means no NAT on the way (the Kubernetes network model).
/// </summary>
public static class TcpProbe
{
    /// <summary>
    /// Listens in <paramref name="listener"/> on <paramref name="port"/> and connects from <paramref name="from"/> to
    /// <paramref name="connectTo"/> (the listener's address and port unless given: a host port forwarded to it).
    /// </summary>
    public static async Task<ProbeOutcome> ConnectAsync(ProbeEndpoint from, ProbeEndpoint listener, int port,
        IPEndPoint? connectTo = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var target = connectTo ?? new IPEndPoint(listener.Address, port);
        var limit = timeout ?? ProbeOutcome.DefaultTimeout;
        var sent = connectTo is null
            ? $"TCP connect, {from} → {listener} port {port}"
            : $"TCP connect, {from} → {target} (forwarded to {listener} port {port})";
        using var server = NamespaceSocket.Open(listener.NetnsPath, listener.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        // A forwarded connection arrives for the pod's address after DNAT; bind the listener to any address then.
        server.Bind(new IPEndPoint(connectTo is null ? listener.Address : Any(listener.Address), port));
        server.Listen(4);
        using var client = NamespaceSocket.OpenSender(from, target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(limit);
        var accepting = server.AcceptAsync(cts.Token).AsTask();
        try
        {
            await client.ConnectAsync(target, cts.Token);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return new ProbeOutcome(false, sent, "a reset came back (connection refused): the SYN reached a host where nothing listens on that port");
        }
        catch (SocketException e)
        {
            return new ProbeOutcome(false, sent, IcmpProbe.Describe(e));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeOutcome(false, sent, $"no answer to the SYN within {limit.TotalSeconds:0.#} s (dropped on the way there or back)");
        }

        try
        {
            using var accepted = await accepting;
            var seen = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
            await client.SendAsync(Encoding.ASCII.GetBytes("cnitest"), cts.Token);
            var buffer = new byte[16];
            var n = await accepted.ReceiveAsync(buffer, cts.Token);
            await accepted.SendAsync(buffer.AsMemory(0, n), cts.Token);
            n = await client.ReceiveAsync(buffer, cts.Token);
            return n > 0
                ? new ProbeOutcome(true, sent, $"connected; the listener saw the source {Unmapped(seen)}", Unmapped(seen))
                : new ProbeOutcome(false, sent, "connected, but the reply never came back", Unmapped(seen));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeOutcome(false, sent, $"connected, but the exchange did not finish within {limit.TotalSeconds:0.#} s");
        }
    }

    internal static IPAddress Any(IPAddress like) => like.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;

    internal static IPAddress Unmapped(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
}
