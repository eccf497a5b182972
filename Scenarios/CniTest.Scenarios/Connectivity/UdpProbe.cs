using System.Net;
using System.Net.Sockets;

namespace CniTest.Scenarios.Connectivity;

/// <summary>
/// A UDP datagram from one namespace to a socket in another, and the reply back to the source the receiver saw.
/// A one-way failure says which way: arrived but never answered is a different fault from never arrived.
/// </summary>
public static class UdpProbe
{
    /// <summary>Sends <paramref name="size"/> bytes from <paramref name="from"/> to <paramref name="to"/> on <paramref name="port"/> and waits for the echo.</summary>
    public static async Task<ProbeOutcome> ExchangeAsync(ProbeEndpoint from, ProbeEndpoint to, int port, int size = 32,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? ProbeOutcome.DefaultTimeout;
        var sent = $"UDP datagram, {size} bytes, {from} → {to} port {port}";
        using var server = NamespaceSocket.Open(to.NetnsPath, to.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(to.Address, port));
        using var client = NamespaceSocket.OpenSender(from, to.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(limit);
        var payload = new byte[size];
        Random.Shared.NextBytes(payload);
        try
        {
            await client.SendToAsync(payload, new IPEndPoint(to.Address, port), cts.Token);
        }
        catch (SocketException e)
        {
            return new ProbeOutcome(false, sent, $"not sent: {IcmpProbe.Describe(e)}");
        }

        using var answered = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
        var resending = Resend.UntilAsync(t => client.SendToAsync(payload, new IPEndPoint(to.Address, port), t), answered.Token);
        try
        {
            return await ExchangeAsync(server, client, payload, to, sent, limit, ct, cts.Token, answered.Token);
        }
        finally
        {
            await answered.CancelAsync();
            await resending;
        }
    }

    private static async Task<ProbeOutcome> ExchangeAsync(Socket server, Socket client, byte[] payload, ProbeEndpoint to, string sent,
        TimeSpan limit, CancellationToken ct, CancellationToken bound, CancellationToken answered)
    {
        var buffer = new byte[65536];
        IPEndPoint source;
        try
        {
            var got = await server.ReceiveFromAsync(buffer, new IPEndPoint(TcpProbe.Any(to.Address), 0), bound);
            source = (IPEndPoint)got.RemoteEndPoint;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeOutcome(false, sent, $"it never arrived within {limit.TotalSeconds:0.#} s");
        }

        var seen = TcpProbe.Unmapped(source.Address);
        // Every further copy that arrives is echoed too, so a lost reply is made good by the next copy.
        _ = EchoCopiesAsync(server, source, answered);
        try
        {
            await server.SendToAsync(payload, source, bound);
            await client.ReceiveAsync(buffer, bound);
            return new ProbeOutcome(true, sent, $"arrived from the source {seen}; the reply came back", seen);
        }
        catch (SocketException e)
        {
            return new ProbeOutcome(false, sent, $"arrived from the source {seen}, but the reply failed: {IcmpProbe.Describe(e)}", seen);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeOutcome(false, sent, $"arrived from the source {seen}, but the reply did not come back within {limit.TotalSeconds:0.#} s", seen);
        }
    }

    private static async Task EchoCopiesAsync(Socket server, IPEndPoint source, CancellationToken stop)
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                var got = await server.ReceiveFromAsync(buffer, new IPEndPoint(TcpProbe.Any(source.Address), 0), stop);
                await server.SendToAsync(buffer.AsMemory(0, got.ReceivedBytes), got.RemoteEndPoint, stop);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
