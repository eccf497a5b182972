namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// Every fake host that exists right now, so an interrupt can remove them all even when the code that owns them
/// is stuck (the second Ctrl-C path of <see cref="InterruptGuard"/>).
/// </summary>
internal static class LiveSandboxes
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<FakeHost> Hosts = [];

    public static void Add(FakeHost host)
    {
        lock (Gate)
        {
            Hosts.Add(host);
        }
    }

    public static void Remove(FakeHost host)
    {
        lock (Gate)
        {
            Hosts.Remove(host);
        }
    }

    public static int Count
    {
        get
        {
            lock (Gate)
            {
                return Hosts.Count;
            }
        }
    }

    /// <summary>Disposes every live fake host.</summary>
    public static void DisposeAll()
    {
        FakeHost[] all;
        lock (Gate)
        {
            all = [.. Hosts];
        }

        foreach (var host in all)
        {
            host.Dispose();
        }
    }
}
