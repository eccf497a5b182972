using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// The network sysctls of a namespace the run created. procfs resolves <c>/proc/sys/net</c> in the network namespace
/// of the thread that opens it, so every read and write happens on a thread inside that namespace
/// (<see cref="NamespaceThread"/>), never in the machine's own.
/// </summary>
public static class NetSysctl
{
    /// <summary>Writes each <c>key</c> (relative to <c>/proc/sys/net</c>, e.g. <c>ipv4/ip_forward</c>) in <paramref name="netnsPath"/>.</summary>
    public static void Write(string netnsPath, IEnumerable<(string Key, string Value)> settings) =>
        NamespaceThread.Run(netnsPath, () =>
        {
            foreach (var (key, value) in settings)
            {
                using var file = new FileStream(Path.Combine("/proc/sys/net", key), FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                file.Write(System.Text.Encoding.ASCII.GetBytes(value + "\n"));
            }

            return 0;
        });

    /// <summary>The value of <paramref name="key"/> in <paramref name="netnsPath"/>, or null when it cannot be read.</summary>
    public static string? Read(string netnsPath, string key)
    {
        try
        {
            return NamespaceThread.Run(netnsPath, () => File.ReadAllText(Path.Combine("/proc/sys/net", key)).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Harness.Errors.CniHarnessException)
        {
            return null;
        }
    }
}
