using System.Net;
using System.Net.Sockets;
using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Connectivity;

/// <summary>
/// Sockets born in a namespace the run created. A socket belongs to the network namespace of the thread that
/// created it, for its whole life, so it is created on a thread that joined the namespace
/// (<see cref="NamespaceThread"/>) and then used from any thread: the probes need no tool in the sandbox
/// (<c>ping</c> is not even installed on a fresh machine) and never touch the machine's own namespace.
/// </summary>
internal static class NamespaceSocket
{
    public static Socket Open(string netnsPath, AddressFamily family, SocketType type, ProtocolType protocol) =>
        NamespaceThread.Run(netnsPath, () => new Socket(family, type, protocol));

    /// <summary>
    /// A sender's socket, bound to the sender's own address when it has a specific one: the probe then sends from
    /// exactly the address it names, and source-based routing (sbr: rules "from ADDRESS lookup TABLE") applies as
    /// it does to the pod's traffic from that address.
    /// </summary>
    public static Socket OpenSender(ProbeEndpoint from, AddressFamily family, SocketType type, ProtocolType protocol)
    {
        var socket = Open(from.NetnsPath, family, type, protocol);
        if (from.Address.AddressFamily == family && !from.Address.Equals(IPAddress.Any) && !from.Address.Equals(IPAddress.IPv6Any))
        {
            socket.Bind(new IPEndPoint(from.Address, 0));
        }

        return socket;
    }
}
