using System.Net;
using System.Net.Sockets;
using CniTest.Harness.Sandbox;

namespace CniTest.BrokenPlugins.Tests.Support;

/// <summary>What one exchange of probe traffic showed.</summary>
/// <param name="Reached">True when the receiver got it.</param>
/// <param name="SeenSource">The source address the receiver saw, when it got it.</param>
/// <param name="Detail">What was sent and what happened, for assertion messages.</param>
public sealed record TrafficOutcome(bool Reached, IPAddress? SeenSource, string Detail)
{
    public override string ToString() => Detail;
}

/// <summary>
/// Probe traffic between the lab's namespaces, made here by hand rather than with the connectivity checks' own
/// probes: a socket created on a thread inside a namespace belongs to that namespace for life. IPv4 only, as the
/// lab's configs are.
/// </summary>
public static class Traffic
{
    /// <summary>How long a probe waits for its packet (generous: the machine is shared).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A TCP connection from <paramref name="fromNetns"/> to a listener in <paramref name="listenerNetns"/> on
    /// <paramref name="listenAddress"/>:<paramref name="port"/>, dialled at <paramref name="connectTo"/> when given (a
    /// host port forwarded to the listener). A listener that cannot bind its address means nobody has it there.
    /// </summary>
    public static async Task<TrafficOutcome> TcpAsync(string fromNetns, string listenerNetns, IPAddress listenAddress, int port,
        IPEndPoint? connectTo = null)
    {
        var target = connectTo ?? new IPEndPoint(listenAddress, port);
        var what = connectTo is null ? $"TCP to {target}" : $"TCP to {target} (forwarded to port {port})";
        using var listener = Open(listenerNetns, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(listenAddress, port));
        }
        catch (SocketException e)
        {
            return new TrafficOutcome(false, null, $"{what}: the receiving namespace cannot listen on {listenAddress}:{port} ({e.SocketErrorCode}): it has no such address");
        }

        listener.Listen(4);
        using var client = Open(fromNetns, SocketType.Stream, ProtocolType.Tcp);
        using var cts = new CancellationTokenSource(Timeout);
        var accepting = listener.AcceptAsync(cts.Token).AsTask();
        try
        {
            await client.ConnectAsync(target, cts.Token);
            using var accepted = await accepting;
            var seen = ((IPEndPoint)accepted.RemoteEndPoint!).Address;
            return new TrafficOutcome(true, seen, $"{what}: connected; the listener saw the source {seen}");
        }
        catch (SocketException e)
        {
            return new TrafficOutcome(false, null, $"{what}: {e.SocketErrorCode}");
        }
        catch (OperationCanceledException)
        {
            return new TrafficOutcome(false, null, $"{what}: nothing within {Timeout.TotalSeconds:0} s");
        }
        finally
        {
            await cts.CancelAsync();
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// One UDP datagram with <paramref name="payload"/> bytes from <paramref name="fromNetns"/> to a socket on
    /// <paramref name="to"/>:<paramref name="port"/> in <paramref name="toNetns"/>, with DF set when asked (never
    /// fragmented by the sender or on the way).
    /// </summary>
    public static async Task<TrafficOutcome> UdpAsync(string fromNetns, string toNetns, IPAddress to, int port, int payload, bool dontFragment)
    {
        var what = $"UDP, {payload} bytes{(dontFragment ? " with DF" : "")}, to {to}:{port}";
        using var server = Open(toNetns, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            server.Bind(new IPEndPoint(to, port));
        }
        catch (SocketException e)
        {
            return new TrafficOutcome(false, null, $"{what}: the receiving namespace cannot listen on {to}:{port} ({e.SocketErrorCode})");
        }

        using var client = Open(fromNetns, SocketType.Dgram, ProtocolType.Udp);
        if (dontFragment)
        {
            client.SetRawSocketOption(0, 10, BitConverter.GetBytes(2)); // IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_DO
        }

        try
        {
            await client.SendToAsync(new byte[payload], new IPEndPoint(to, port));
        }
        catch (SocketException e)
        {
            return new TrafficOutcome(false, null, $"{what}: not sent ({e.SocketErrorCode})");
        }

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            var got = await server.ReceiveFromAsync(new byte[65536], new IPEndPoint(IPAddress.Any, 0), cts.Token);
            var seen = ((IPEndPoint)got.RemoteEndPoint).Address;
            return new TrafficOutcome(got.ReceivedBytes == payload, seen, $"{what}: {got.ReceivedBytes} bytes arrived from {seen}");
        }
        catch (OperationCanceledException)
        {
            return new TrafficOutcome(false, null, $"{what}: nothing arrived within {Timeout.TotalSeconds:0} s");
        }
    }

    private static Socket Open(string netns, SocketType type, ProtocolType protocol) =>
        NamespaceThread.Run(netns, () => new Socket(AddressFamily.InterNetwork, type, protocol));
}
