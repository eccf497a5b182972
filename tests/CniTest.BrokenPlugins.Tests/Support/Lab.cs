using CniTest.Harness.Operations;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Sandbox;

namespace CniTest.BrokenPlugins.Tests.Support;

/// <summary>A pod attached by hand: its attachment, the address and gateway its ADD result names, and the result.</summary>
public sealed record Pod(RuntimeConf Attachment, IPAddress Address, IPAddress? Gateway, JsonObject Result)
{
    /// <summary>The pod's network namespace.</summary>
    public string Netns => Attachment.Netns!;
}

/// <summary>
/// A private world for probing one plugin by hand: a fake host namespace (where the plugin runs and puts its host
/// side), sandboxes on demand and a private IPAM dataDir, all removed on Dispose, also after a failed assertion.
/// Plugins get the fixture folder first on <c>CNI_PATH</c>, then the reference plugins, as <c>cnitest run</c> does.
/// </summary>
public sealed class Lab : IDisposable
{
    public const string Network = "bpnet";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly FakeHost _host;
    private readonly ProcessPluginExecutor _executor;
    private readonly CancellationToken _cancellation;
    private int _sandboxes;

    private Lab(FakeHost host, CancellationToken cancellation)
    {
        _host = host;
        _executor = host.CreateExecutor(DefaultTimeout);
        _cancellation = cancellation;
    }

    /// <summary>Creates the lab; <paramref name="cancellation"/> ends every plugin call (the test's timeout).</summary>
    public static async Task<Lab> CreateAsync(CancellationToken cancellation = default) =>
        new(await TestHosts.CreateAsync("cnitest-bp-", ct: cancellation), cancellation);

    public string IpamDir => _host.IpamDir;

    /// <summary>The fake host's network namespace: where plugins run and put their host side.</summary>
    public string HostNetns => _host.NetnsPath;

    /// <summary>The range of <see cref="PodConf"/>.</summary>
    public const string PodSubnet = "10.252.0.0/24";

    /// <summary>A new sandbox namespace and an attachment into it with a fresh container id.</summary>
    /// <remarks><paramref name="sandboxName"/> names the namespace pin (a runtime's shape, e.g. cni-UUID); default cN.</remarks>
    public (ContainerSandbox Sandbox, RuntimeConf Attachment) NewAttachment(string ifName = "eth0", string? sandboxName = null)
    {
        var n = Interlocked.Increment(ref _sandboxes);
        var sandbox = _host.NewSandbox(sandboxName ?? $"c{n}");
        return (sandbox, new RuntimeConf($"bp-c{n}", sandbox.Path, ifName));
    }

    /// <summary>An interface-role config: ptp-style keys plus host-local IPAM on a private range and dataDir.</summary>
    public string InterfaceConf(string plugin, string version = "1.0.0") => new JsonObject
    {
        ["cniVersion"] = version,
        ["name"] = Network,
        ["type"] = Path.GetFileName(plugin),
        ["ipMasq"] = false,
        ["ipam"] = HostLocal("host-local", "10.252.0.0/24"),
    }.ToJsonString();

    /// <summary>
    /// A pod-network config for bridge- and ptp-style plugins: a bridge name, the gateway on the host side
    /// (<c>isGateway</c>), <c>ipMasq</c> as given, and host-local IPAM with a default route.
    /// </summary>
    public string PodConf(string plugin, bool ipMasq = false, string version = "1.0.0")
    {
        var ipam = HostLocal("host-local", PodSubnet);
        ipam["routes"] = new JsonArray(new JsonObject { ["dst"] = "0.0.0.0/0" });
        return new JsonObject
        {
            ["cniVersion"] = version,
            ["name"] = Network,
            ["type"] = Path.GetFileName(plugin),
            ["bridge"] = "bp-br0",
            ["isGateway"] = true,
            ["ipMasq"] = ipMasq,
            ["ipam"] = ipam,
        }.ToJsonString();
    }

    /// <summary>ADD of a new pod with <paramref name="conf"/> (the probe, not the plugin, fails when ADD does).</summary>
    public async Task<Pod> AddPodAsync(string plugin, string conf)
    {
        var (_, a) = NewAttachment();
        var add = await CallAsync(plugin, CniCommand.Add, conf, a);
        var ip = add.Succeeded ? add.SingleObject()?["ips"]?.AsArray().FirstOrDefault() : null;
        if (ip?["address"] is not { } address)
        {
            throw new InvalidOperationException($"probe precondition: ADD with an address failed: {add.Describe()}");
        }

        return new Pod(a, IPAddress.Parse(address.GetValue<string>().Split('/')[0]),
            ip["gateway"] is { } gateway ? IPAddress.Parse(gateway.GetValue<string>()) : null, add.SingleObject()!);
    }

    /// <summary>A namespace beyond the fake host, as the connectivity checks use (the fake host routes to it by default).</summary>
    public Task<Upstream> UpstreamAsync() => Upstream.AttachAsync(_host, _cancellation);

    /// <summary>An ipam-role config: the plugin is its own ipam type; both host-local and static keys present.</summary>
    public string IpamConf(string plugin, string version = "1.0.0")
    {
        var ipam = HostLocal(Path.GetFileName(plugin), "10.253.0.0/24");
        ipam["addresses"] = new JsonArray(new JsonObject { ["address"] = "10.254.0.5/24" });
        return new JsonObject
        {
            ["cniVersion"] = version,
            ["name"] = Network,
            ["type"] = Path.GetFileName(plugin),
            ["ipam"] = ipam,
        }.ToJsonString();
    }

    /// <summary>A chained-role config carrying <paramref name="prevResult"/> (left out when null).</summary>
    public static string ChainedConf(string plugin, JsonNode? prevResult, string version = "1.0.0")
    {
        var conf = new JsonObject { ["cniVersion"] = version, ["name"] = Network, ["type"] = Path.GetFileName(plugin) };
        if (prevResult is not null)
        {
            conf["prevResult"] = prevResult.DeepClone();
        }

        return conf.ToJsonString();
    }

    /// <summary><paramref name="conf"/> with <c>prevResult</c> set, as a runtime sends it on CHECK.</summary>
    public static string WithPrevResult(string conf, JsonNode prevResult)
    {
        var node = JsonNode.Parse(conf)!.AsObject();
        node["prevResult"] = prevResult.DeepClone();
        return node.ToJsonString();
    }

    /// <summary>Runs one plugin command by hand, in the fake host.</summary>
    public Task<InvocationRecord> CallAsync(string plugin, string command, string stdin, RuntimeConf? attachment,
        TimeSpan? timeout = null, IReadOnlySet<string>? omit = null)
    {
        var request = new InvocationRequest(command, attachment?.ContainerId, attachment?.Netns, attachment?.IfName, attachment?.Args ?? [],
            [Repo.BrokenPluginDir, Privileges.ReferencePluginDir], Encoding.UTF8.GetBytes(stdin))
        {
            Timeout = timeout ?? DefaultTimeout,
            OmitVariables = omit ?? new HashSet<string>(),
        };
        return _executor.ExecuteAsync(plugin, request, _cancellation);
    }

    /// <summary>VERSION the way the spec's minimum asks it (only <c>CNI_COMMAND</c> set), through the Harness's one probe.</summary>
    public async Task<InvocationRecord> VersionAsync(string plugin) =>
        (await new PluginInvoker(_executor).ProbeVersionAsync(Path.GetFileName(plugin), plugin, "1.0.0", VersionProbeStyle.CommandOnly,
            DefaultTimeout, _cancellation)).Record;

    /// <summary>Link names in the fake host.</summary>
    public async Task<IReadOnlyList<string>> HostLinksAsync() => (await NetnsView.ReadAsync(_host.NetnsPath, _cancellation)).LinkNames;

    /// <summary>host-local-style reservation files in the private dataDir.</summary>
    public IReadOnlyList<string> Reservations() => _host.IpamReservations();

    public void Dispose() => _host.Dispose();

    private JsonObject HostLocal(string type, string subnet) => new()
    {
        ["type"] = type,
        ["dataDir"] = IpamDir,
        ["ranges"] = new JsonArray(new JsonArray(new JsonObject { ["subnet"] = subnet })),
    };
}
