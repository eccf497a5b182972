using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CniTest.Scenarios.Connectivity;

/// <summary>
/// ICMP echo from a raw socket in the sender's namespace (IPv4 and IPv6). With <c>dontFragment</c> and a payload
/// that fills the interface's MTU, the echo and its reply of the same size test the path MTU both ways.
/// </summary>
public static class IcmpProbe
{
    private const int IpHeader = 20;
    private const int Ipv6Header = 40;
    private const int IcmpHeader = 8;

    /// <summary>The payload that makes an echo request exactly <paramref name="mtu"/> bytes long on the wire.</summary>
    public static int PayloadForMtu(AddressFamily family, int mtu) =>
        mtu - (family == AddressFamily.InterNetworkV6 ? Ipv6Header : IpHeader) - IcmpHeader;

    /// <summary>Sends one echo request from <paramref name="from"/> to <paramref name="to"/> and waits for its reply.</summary>
    public static async Task<ProbeOutcome> EchoAsync(ProbeEndpoint from, IPAddress to, int payload = 56, bool dontFragment = false,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var v6 = to.AddressFamily == AddressFamily.InterNetworkV6;
        var limit = timeout ?? ProbeOutcome.DefaultTimeout;
        var sent = $"ICMP echo, {payload} bytes{(dontFragment ? " with DF" : "")}, {from} → {to}";
        using var socket = NamespaceSocket.OpenSender(from, to.AddressFamily, SocketType.Raw, v6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
        if (dontFragment)
        {
            // IPv4: IP_MTU_DISCOVER = IP_PMTUDISC_DO, the kernel sets DF and never fragments. IPv6: IPV6_DONTFRAG,
            // no fragmentation at the sender (routers never fragment IPv6). Socket.DontFragment refuses raw sockets.
            var (level, name) = v6 ? (41, 62) : (0, 10);
            socket.SetRawSocketOption(level, name, BitConverter.GetBytes(v6 ? 1 : 2));
        }

        var id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
        var request = Echo(v6, id, Sequence, payload);
        try
        {
            await socket.SendToAsync(request, new IPEndPoint(to, 0), ct);
        }
        catch (SocketException e)
        {
            return new ProbeOutcome(false, sent, $"not sent: {Describe(e)}");
        }

        using var answered = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var resending = Resend.UntilAsync(t => socket.SendToAsync(request, new IPEndPoint(to, 0), t), answered.Token);
        try
        {
            return await AwaitAnswerAsync(socket, v6, id, sent, limit, ct);
        }
        finally
        {
            await answered.CancelAsync();
            await resending;
        }
    }

    private static async Task<ProbeOutcome> AwaitAnswerAsync(Socket socket, bool v6, ushort id, string sent, TimeSpan limit, CancellationToken ct)
    {
        var buffer = new byte[65536];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(limit - clock.Elapsed);
            SocketReceiveFromResult got;
            try
            {
                got = await socket.ReceiveFromAsync(buffer, new IPEndPoint(v6 ? IPAddress.IPv6Any : IPAddress.Any, 0), wait.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break;
            }

            // IPv4 raw sockets deliver the IP header, IPv6 ones only the ICMPv6 message.
            var icmp = v6 ? buffer.AsSpan(0, got.ReceivedBytes) : buffer.AsSpan((buffer[0] & 0x0f) * 4, got.ReceivedBytes - (buffer[0] & 0x0f) * 4);
            var source = ((IPEndPoint)got.RemoteEndPoint).Address;
            switch (Classify(v6, icmp, id, Sequence))
            {
                case Kind.Reply:
                    return new ProbeOutcome(true, sent, $"echo reply from {source} after {clock.Elapsed.TotalMilliseconds:0.#} ms", source);
                case Kind.Error:
                    return new ProbeOutcome(false, sent, $"{ErrorName(v6, icmp[0], icmp[1], icmp)} from {source}", source);
            }
        }

        return new ProbeOutcome(false, sent, $"nothing came back within {limit.TotalSeconds:0.#} s");
    }

    /// <summary>The echo sequence number; copies resent by <see cref="Resend"/> carry the same one.</summary>
    private const ushort Sequence = 1;

    private enum Kind { Other, Reply, Error }

    private static byte[] Echo(bool v6, ushort id, ushort sequence, int payload)
    {
        var packet = new byte[IcmpHeader + payload];
        packet[0] = v6 ? (byte)128 : (byte)8;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        for (var i = IcmpHeader; i < packet.Length; i++)
        {
            packet[i] = (byte)i;
        }

        if (!v6)
        {
            // ICMPv6 checksums cover a pseudo-header and are filled in by the kernel; ICMPv4's are ours to write.
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        }

        return packet;
    }

    private static Kind Classify(bool v6, ReadOnlySpan<byte> icmp, ushort id, ushort sequence)
    {
        if (icmp.Length < IcmpHeader)
        {
            return Kind.Other;
        }

        var (reply, unreachable, tooBig, exceeded) = v6 ? (129, 1, 2, 3) : (0, 3, -1, 11);
        if (icmp[0] == reply)
        {
            return Ours(icmp, id, sequence) ? Kind.Reply : Kind.Other;
        }

        if (icmp[0] == unreachable || icmp[0] == tooBig || icmp[0] == exceeded)
        {
            // An error quotes the packet it is about: the IP header (20 or 40 bytes) after the 8-byte ICMP header.
            var quoted = icmp[IcmpHeader..];
            var inner = v6 ? Ipv6Header : (quoted.Length > 0 ? (quoted[0] & 0x0f) * 4 : 0);
            return quoted.Length >= inner + IcmpHeader && Ours(quoted[inner..], id, sequence) ? Kind.Error : Kind.Other;
        }

        return Kind.Other;
    }

    private static bool Ours(ReadOnlySpan<byte> icmp, ushort id, ushort sequence) =>
        BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]) == id && BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]) == sequence;

    private static string ErrorName(bool v6, byte type, byte code, ReadOnlySpan<byte> icmp) => (v6, type) switch
    {
        (false, 3) when code == 4 => $"ICMP fragmentation needed (next-hop MTU {BinaryPrimitives.ReadUInt16BigEndian(icmp[6..])})",
        (false, 3) => $"ICMP destination unreachable (code {code}: {UnreachableV4(code)})",
        (false, 11) => "ICMP time exceeded (a routing loop or TTL too small)",
        (true, 1) => $"ICMPv6 destination unreachable (code {code}: {UnreachableV6(code)})",
        (true, 2) => $"ICMPv6 packet too big (MTU {BinaryPrimitives.ReadUInt32BigEndian(icmp[4..])})",
        (true, 3) => "ICMPv6 time exceeded (a routing loop or hop limit too small)",
        _ => $"ICMP type {type} code {code}",
    };

    private static string UnreachableV4(byte code) => code switch
    {
        0 => "network unreachable",
        1 => "host unreachable (no neighbour answered ARP)",
        3 => "port unreachable",
        9 or 10 or 13 => "administratively prohibited (a firewall rejected it)",
        _ => "unreachable",
    };

    private static string UnreachableV6(byte code) => code switch
    {
        0 => "no route",
        1 => "administratively prohibited (a firewall rejected it)",
        3 => "address unreachable (no neighbour answered)",
        4 => "port unreachable",
        _ => "unreachable",
    };

    private static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)(data[^1] << 8);
        }

        while (sum >> 16 != 0)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    internal static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.NetworkUnreachable => "no route to the destination (network unreachable)",
        SocketError.HostUnreachable => "host unreachable (no neighbour answered, or an ICMP error came back)",
        SocketError.MessageSize => "the packet is larger than the route's MTU (EMSGSIZE)",
        SocketError.AccessDenied => "a local firewall rule rejected it (EPERM)",
        _ => $"{e.SocketErrorCode} ({e.Message})",
    };
}
