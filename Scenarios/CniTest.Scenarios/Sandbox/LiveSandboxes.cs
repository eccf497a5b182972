namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// Every fake host that exists right now, so an interrupt can remove them all even when the code that owns them
/// is stuck (the second Ctrl-C path of <see cref="InterruptGuard"/>).
/// </summary>
internal static class LiveSandboxes
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<FakeHost> Hosts = [];
    private static readonly HashSet<IDisposable> Engines = [];

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

    /// <summary>A container engine of the run (<c>--sandbox docker</c>): disposed after every fake host.</summary>
    public static void AddEngine(IDisposable engine)
    {
        lock (Gate)
        {
            Engines.Add(engine);
        }
    }

    public static void RemoveEngine(IDisposable engine)
    {
        lock (Gate)
        {
            Engines.Remove(engine);
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

    /// <summary>Disposes every live fake host, then the container engines (their containers, image and daemon).</summary>
    public static void DisposeAll()
    {
        FakeHost[] all;
        IDisposable[] engines;
        lock (Gate)
        {
            all = [.. Hosts];
            engines = [.. Engines];
        }

        foreach (var host in all)
        {
            host.Dispose();
        }

        foreach (var engine in engines)
        {
            engine.Dispose();
        }
    }
}
