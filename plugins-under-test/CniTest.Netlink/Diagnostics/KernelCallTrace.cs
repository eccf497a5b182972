using System.Globalization;

namespace CniTest.Netlink.Diagnostics;

/// <summary>
/// Opt-in record of what a plugin asks the kernel, for tests that must prove a verb's work does not grow with the
/// number of links and namespaces on the machine (issue 14: our bridge's ADD slowed with 200 attachments). Set
/// <c>CNITEST_NETLINK_TRACE</c> to a file path and every netlink request sent (hex), every reply's size and every
/// sysctl open is appended as one line:
/// <list type="bullet">
/// <item><c>socket strict=1|0</c>: a NETLINK_ROUTE socket opened, with or without NETLINK_GET_STRICT_CHK;</item>
/// <item><c>send HEX</c>: one request, the whole message;</item>
/// <item><c>recv BYTES</c>: one datagram received;</item>
/// <item><c>sysctl-root PATH</c> / <c>sysctl PATH</c>: a path opened from / (its lookup walks a dentry hash chain
/// as long as the number of namespaces, see <see cref="Sysctl.NetSysctlDirectory"/>) or relative to an open
/// directory.</item>
/// </list>
/// Off (one static read of the environment) unless set; never set in production.
/// </summary>
internal static class KernelCallTrace
{
    private static readonly string? FilePath = Environment.GetEnvironmentVariable("CNITEST_NETLINK_TRACE") is { Length: > 0 } path ? path : null;
    private static readonly Lock Gate = new();

    internal static bool Enabled => FilePath is not null;

    internal static void Socket(bool strict) => Append(strict ? "socket strict=1" : "socket strict=0");

    internal static void Send(ReadOnlySpan<byte> message) => Append("send " + Convert.ToHexStringLower(message));

    internal static void Receive(int bytes) => Append("recv " + bytes.ToString(CultureInfo.InvariantCulture));

    internal static void SysctlOpen(string path, bool fromRoot) => Append((fromRoot ? "sysctl-root " : "sysctl ") + path);

    private static void Append(string line)
    {
        if (FilePath is null)
        {
            return;
        }

        lock (Gate)
        {
            File.AppendAllText(FilePath, line + "\n");
        }
    }
}
