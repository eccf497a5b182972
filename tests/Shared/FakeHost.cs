using System.Diagnostics;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Sandbox;

namespace CniTest.Tests.Shared;

/// <summary>
/// A fake host network namespace plus container namespaces, all pinned under a private temp directory and all
/// removed on Dispose (also when the test failed). Plugins run with their host side in the fake host, so the
/// machine's own namespace, /run/netns and /var/lib/cni are never touched. Shared by every test project that runs
/// plugins (the integration tests, the broken-plugin probes, our bridge's lifecycle tests).
/// </summary>
public class FakeHost : IDisposable
{
    private readonly List<NetworkNamespace> _containers = [];

    /// <param name="dirPrefix">Prefix of the private temp directory, naming the test project that made it.</param>
    public FakeHost(string dirPrefix = "cnitest-it-")
    {
        Dir = Directory.CreateTempSubdirectory(dirPrefix).FullName;
        Host = NetworkNamespace.Create(Path.Combine(Dir, "netns", "host"));
        Executor = new ProcessPluginExecutor(Host.Path, TimeSpan.FromSeconds(30));
        Run(Host.Path, "ip", "link", "set", "lo", "up");
    }

    public string Dir { get; }
    public NetworkNamespace Host { get; }
    public ProcessPluginExecutor Executor { get; }
    public string IpamDir => Path.Combine(Dir, "ipam");
    public string CacheDir => Path.Combine(Dir, "cache");

    /// <summary>Creates a container namespace owned by this host.</summary>
    public NetworkNamespace NewContainer(string name)
    {
        var ns = NetworkNamespace.Create(Path.Combine(Dir, "netns", name));
        _containers.Add(ns);
        return ns;
    }

    /// <summary>Runs a command inside a namespace (nsenter keeps our mount namespace) and returns stdout.</summary>
    public static string Run(string netnsPath, params string[] command)
    {
        var psi = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add($"--net={netnsPath}");
        foreach (var c in command)
        {
            psi.ArgumentList.Add(c);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} failed ({p.ExitCode}): {stderr}");
        }

        return stdout.Result;
    }

    /// <summary>Link names in a namespace (<c>ip -j link</c>).</summary>
    public static IReadOnlyList<string> Links(string netnsPath) =>
        JsonNode.Parse(Run(netnsPath, "ip", "-j", "link", "show"))!.AsArray()
            .Select(l => l!["ifname"]!.GetValue<string>()).ToList();

    /// <summary>Addresses "ifname addr/prefix" in a namespace, link-local and host-scope (lo) ones left out.</summary>
    public static IReadOnlyList<string> Addresses(string netnsPath) =>
        JsonNode.Parse(Run(netnsPath, "ip", "-j", "addr", "show"))!.AsArray()
            .SelectMany(l => l!["addr_info"]!.AsArray().Select(a => (l, a)))
            .Where(x => x.a!["scope"]?.GetValue<string>() is not ("link" or "host"))
            .Select(x => $"{x.l!["ifname"]} {x.a!["local"]}/{x.a!["prefixlen"]}").ToList();

    /// <summary>The NAT table of a namespace as iptables-save prints it, counters stripped.</summary>
    public static string NatRules(string netnsPath) =>
        string.Join('\n', Run(netnsPath, "iptables-save", "-t", "nat").Split('\n').Where(l => l.StartsWith('-')));

    /// <summary>
    /// Reservation files under the private IPAM dir: those named by their address, so neither host-local's lock and
    /// last_reserved_ip.N nor cnitest-ipam's index files count.
    /// </summary>
    public IReadOnlyList<string> IpamReservations() =>
        Directory.Exists(IpamDir)
            ? Directory.GetFiles(IpamDir, "*", SearchOption.AllDirectories)
                .Select(Path.GetFileName).OfType<string>()
                .Where(f => System.Net.IPAddress.TryParse(f, out _)).Order().ToList()
            : [];

    public void Dispose()
    {
        foreach (var ns in _containers)
        {
            ns.Dispose();
        }

        Host.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
