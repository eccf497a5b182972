using System.Diagnostics;
using System.Text;
using CniTest.Harness.Config;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Harness.Sandbox;

namespace CniTest.Plugins.Tests.Bridge.Support;

/// <summary>
/// A fake host namespace plus container namespaces, all pinned under a private temp directory and removed on
/// Dispose (also when the test failed). Plugins run with their host side in the fake host through the Harness's
/// ProcessPluginExecutor, so the machine's own namespace, /run/netns and /var/lib/cni are never touched.
/// </summary>
public sealed class BridgeHost : IDisposable
{
    private readonly List<NetworkNamespace> _containers = [];

    public BridgeHost()
    {
        Dir = Directory.CreateTempSubdirectory("cnitest-br-").FullName;
        Host = NetworkNamespace.Create(Path.Combine(Dir, "netns", "host"));
        Executor = new ProcessPluginExecutor(Host.Path, TimeSpan.FromSeconds(30));
        Run(Host.Path, "ip", "link", "set", "lo", "up");
    }

    /// <summary>
    /// Where cnitest-bridge is: CNITEST_BRIDGE_DIR (e.g. the NativeAOT publish folder) or this test's output
    /// folder, which holds the JIT build of the plugin (its apphost is named cnitest-bridge).
    /// </summary>
    public static string PluginDir =>
        Environment.GetEnvironmentVariable("CNITEST_BRIDGE_DIR") is { Length: > 0 } dir ? dir : AppContext.BaseDirectory;

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

    /// <summary>
    /// A runtime that finds cnitest-bridge, then cnitest-ipam (built next to these tests), then the reference
    /// plugins, then <paramref name="extraPath"/>.
    /// </summary>
    public CniRuntime Runtime(bool cache = true, params string[] extraPath) => new(new RuntimeOptions
    {
        PluginPath = [PluginDir, AppContext.BaseDirectory, Privileges.ReferencePluginDir, .. extraPath],
        Executor = Executor,
        CacheDirectory = cache ? CacheDir : null,
    });

    /// <summary>A single network configuration (the natural form at every version) as a list.</summary>
    public static NetworkConfigList Conf(string json) => ConfigParser.FromSingleConf(Encoding.UTF8.GetBytes(json));

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

    /// <summary>Reservation files (named by their address; not lock, last_reserved_ip.N or other bookkeeping) under the private IPAM dir.</summary>
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

/// <summary>Quick looks at a namespace through iproute2.</summary>
public static class Ip
{
    /// <summary>Link names.</summary>
    public static IReadOnlyList<string> Links(string netnsPath) =>
        System.Text.Json.Nodes.JsonNode.Parse(BridgeHost.Run(netnsPath, "ip", "-j", "link", "show"))!.AsArray()
            .Select(l => l!["ifname"]!.GetValue<string>()).ToList();

    /// <summary>"ifname addr/prefix" for every address that is neither link-local nor on lo.</summary>
    public static IReadOnlyList<string> Addresses(string netnsPath) =>
        System.Text.Json.Nodes.JsonNode.Parse(BridgeHost.Run(netnsPath, "ip", "-j", "addr", "show"))!.AsArray()
            .SelectMany(l => l!["addr_info"]!.AsArray().Select(a => (l, a)))
            .Where(x => x.a!["scope"]?.GetValue<string>() is not ("link" or "host"))
            .Select(x => $"{x.l!["ifname"]} {x.a!["local"]}/{x.a!["prefixlen"]}").ToList();
}
