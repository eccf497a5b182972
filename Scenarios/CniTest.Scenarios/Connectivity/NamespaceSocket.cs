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
}
