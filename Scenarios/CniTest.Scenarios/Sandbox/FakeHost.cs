using System.Text;
using CniTest.Harness.Invocation;
using CniTest.Harness.Sandbox;
using CniTest.Scenarios.Sandbox.Docker;

namespace CniTest.Scenarios.Sandbox;

/// <summary>
/// A stand-in for the machine a runtime would run on: its own network namespace (where every host-side link,
/// bridge, route, sysctl and iptables/nft rule of the plugin goes), its own mount namespace with private
/// <c>/var/lib</c> and <c>/run</c>, private IPAM and cache directories, a veth pair whose first end serves as
/// <c>master</c>, and the sandboxes (container namespaces) of its attachments. Everything lives under one private
/// directory and is removed on <see cref="Dispose"/>, also after a failure or an interrupt (issue 5 "Isolation").
/// </summary>
public sealed class FakeHost : IDisposable
{
    private readonly List<ContainerSandbox> _sandboxes = [];
    private readonly List<FakeHost> _nodes = [];
    private readonly Lock _lock = new();
    private int _nextSandbox;
    private int _disposed;

    private FakeHost(string dir, string netnsPath, string? mountNamespacePath, DockerSandboxes? containers)
    {
        Dir = dir;
        NetnsPath = netnsPath;
        MountNamespacePath = mountNamespacePath;
        Containers = containers;
    }

    /// <summary>Where sandboxes are Docker containers (<c>--sandbox docker</c>); null: bare namespaces.</summary>
    public DockerSandboxes? Containers { get; }

    /// <summary>The private directory holding everything of this host.</summary>
    public string Dir { get; }

    /// <summary>The fake host's network namespace (pin file).</summary>
    public string NetnsPath { get; }

    /// <summary>
    /// The cgroup every process the plugins of this host start is born in (issue 12): listed after each call, judged
    /// at the end of the check (P73–P75) and killed on <see cref="Dispose"/>. Null where cgroup v1's freezer is missing.
    /// </summary>
    public ProcessCgroup? Processes { get; private init; }

    /// <summary>The container namespaces created in this host so far (deleted ones included).</summary>
    public IReadOnlyList<ContainerSandbox> Sandboxes
    {
        get
        {
            lock (_lock)
            {
                return [.. _sandboxes];
            }
        }
    }

    /// <summary>The mount namespace plugins run in; null when private mounts are disabled.</summary>
    public string? MountNamespacePath { get; }

    /// <summary>
    /// The directory in which plugins see this host's sandbox pins (<c>/run/netns</c>, see
    /// <see cref="PrivateStateMounts.RunNetnsDir"/>); null when private mounts are off, where only the pin path works.
    /// </summary>
    public string? PluginNetnsDirectory => MountNamespacePath is null ? null : PrivateStateMounts.RunNetnsDir;

    /// <summary>Directory for IPAM state (host-local <c>dataDir</c>).</summary>
    public string IpamDir => Path.Combine(Dir, "ipam");

    /// <summary>The runtime's result cache for attachments made in this host (R37; never the machine's /var/lib/cni).</summary>
    public string CacheDir => Path.Combine(Dir, "cache");

    /// <summary>Where the overlays of <c>/var/lib</c> and <c>/run</c> keep what plugins wrote.</summary>
    public string StateDir => Path.Combine(Dir, "state");

    /// <summary>The directories whose files count as plugin state in a leak diff.</summary>
    public IReadOnlyList<string> StateFileRoots =>
        [IpamDir, .. PrivateStateMounts.Targets.Select(t => PrivateStateMounts.UpperDir(StateDir, t))];

    /// <summary>Told about each action a check performs on this host or its sandboxes (<c>--record</c>); null when not recording.</summary>
    internal ISandboxActionLog? Actions { get; set; }

    /// <summary>The links created as <c>master</c> candidates (one end of a veth pair each).</summary>
    public IReadOnlyList<string> MasterLinks { get; private set; } = [];

    /// <summary>
    /// Creates a fake host under <paramref name="parentDir"/> with veth pairs named <paramref name="masterLinks"/>
    /// (the kernels cnitest targets have no dummy links); its sandboxes are containers of <paramref name="containers"/>
    /// when given.
    /// </summary>
    public static async Task<FakeHost> CreateAsync(string parentDir, string name, IReadOnlyList<string> masterLinks,
        CancellationToken ct = default, DockerSandboxes? containers = null)
    {
        PrivateStateMounts.EnsureRoot();
        var dir = Path.Combine(parentDir, name);
        Directory.CreateDirectory(dir);
        var netnsDir = Path.Combine(dir, "netns");
        FakeHost? host = null;
        try
        {
            string? mntns = null;
            if (!PrivateStateMounts.Disabled)
            {
                PrivateStateMounts.MakeSharedDirectory(netnsDir);
                mntns = Path.Combine(dir, "mntns");
                PrivateStateMounts.Create(mntns, Path.Combine(dir, "state"), netnsDir);
            }
            else
            {
                Directory.CreateDirectory(netnsDir);
            }

            // The pin lives in the host's directory tree; Dispose unmounts it with everything else.
            var netns = NetworkNamespace.Create(Path.Combine(netnsDir, "host"));
            host = new FakeHost(dir, netns.Path, mntns, containers)
            {
                Processes = ProcessCgroup.IsAvailable ? ProcessCgroup.Create(RunDirectory.CgroupNameOf(dir)) : null,
            };

            LiveSandboxes.Add(host);
            Ipv6Sysctls.DisableDad(netns); // before any link exists: addresses usable at once (see there)
            Directory.CreateDirectory(host.IpamDir);
            await host.SetUpLinksAsync(masterLinks, ct);
            return host;
        }
        catch
        {
            if (host is not null)
            {
                host.Dispose();
            }
            else
            {
                MountTable.RemoveTree(dir);
            }

            throw;
        }
    }

    /// <summary>An executor that starts plugins inside this host (network and mount namespace).</summary>
    public ProcessPluginExecutor CreateExecutor(TimeSpan timeout) =>
        new(NetnsPath, timeout) { HostMountNamespacePath = MountNamespacePath, Cgroup = Processes };

    /// <summary>Creates a new, empty container namespace (or container, see <see cref="Containers"/>) owned by this host.</summary>
    public ContainerSandbox NewSandbox() => NewSandbox($"sandbox{Interlocked.Increment(ref _nextSandbox)}");

    /// <summary>
    /// Creates a new, empty container namespace owned by this host, pinned as <c>netns/NAME</c> in <see cref="Dir"/>
    /// (the name must be unique in this host).
    /// </summary>
    public ContainerSandbox NewSandbox(string name)
    {
        var pin = Path.Combine(Dir, "netns", name);
        var sandbox = Containers is null ? new ContainerSandbox(NetworkNamespace.Create(pin)) : Containers.Create(pin);
        sandbox.Owner = this;
        lock (_lock)
        {
            _sandboxes.Add(sandbox);
        }

        Ipv6Sysctls.DisableDad(sandbox.Path); // before the plugin moves a link in: no tentative addresses (see there)

        return sandbox;
    }

    /// <summary>
    /// Another fake host beside this one, as a second node of the cluster (<c>--nodes 2</c>): its own namespaces under
    /// this host's directory, removed with it.
    /// </summary>
    public async Task<FakeHost> AddNodeAsync(string name, CancellationToken ct = default)
    {
        var node = await CreateAsync(Dir, name, MasterLinks, ct, Containers);
        lock (_lock)
        {
            _nodes.Add(node);
        }

        return node;
    }

    /// <summary>Runs an iproute2 batch (one command per line, without the leading <c>ip</c>) in the fake host.</summary>
    public Task IpBatchAsync(string commands, CancellationToken ct = default)
    {
        Actions?.OnAction(Recording.RecordedAction.HostIpBatch, null, commands);
        return HelperCommand.RunCheckedAsync(NetnsPath, "ip", ["-batch", "-"], commands, ct);
    }

    private async Task SetUpLinksAsync(IReadOnlyList<string> masterLinks, CancellationToken ct)
    {
        var batch = new StringBuilder("link set lo up\n");
        foreach (var (link, i) in masterLinks.Select((l, i) => (l, i)))
        {
            var peer = $"cnitest-peer{i}";
            batch.Append($"link add {link} type veth peer name {peer}\nlink set {link} up\nlink set {peer} up\n");
        }

        await IpBatchAsync(batch.ToString(), ct);
        MasterLinks = masterLinks;
    }

    /// <summary>Removes the sandboxes, the namespaces and the directory; safe to call twice and from a signal handler.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Processes first (this host's and its nodes', one cgroup tree): a process inside a namespace keeps it alive
        // after its pin is gone, and only membership proves a process is the plugins' to kill.
        Processes?.Dispose();
        lock (_lock)
        {
            foreach (var n in _nodes)
            {
                n.Dispose();
            }

            // A container takes a round trip to the engine to remove; a check's handful go at once.
            Parallel.ForEach(_sandboxes, s => s.Dispose());
        }

        // Unpinning the host namespace frees it with every link, route and rule in it (veth peers included).
        MountTable.RemoveTree(Dir);
        LiveSandboxes.Remove(this);
    }
}
