using CniTest.Scenarios.Model;
using CniTest.Scenarios.Runtimes;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Engine;

/// <summary>What <c>cnitest run</c> was asked to do (the issue 5 command-line contract).</summary>
public sealed record RunOptions
{
    /// <summary>The plugin binary under test (absolute path).</summary>
    public required string PluginPath { get; init; }

    public PluginRole Role { get; init; } = PluginRole.Interface;

    /// <summary>A user config or conflist used as is; null for the built-in config of the role.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Null: matrix over advertised versions, deep checks at the highest; "all": deep checks at every version; else one version.</summary>
    public string? CniVersion { get; init; }

    /// <summary>Per plugin call; the plugin and its children are killed when it runs out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public ProfilePolicy Policy { get; init; } = ProfilePolicy.Default;

    /// <summary>Only checks whose id contains one of these (comma-separated, case-insensitive).</summary>
    public string? Filter { get; init; }

    /// <summary>How many checks run at once, each in its own fake host.</summary>
    public int Jobs { get; init; } = DefaultJobs;

    /// <summary>
    /// Two checks per core: a check spends much of its time waiting (namespace teardown in the kernel, plugin exec,
    /// probe replies), so one per core leaves the cores idle a third of the time. Measured on 2 cores against
    /// Debian's bridge (issue 10's 5 s target): 2 jobs 5.1 s, 3 jobs 4.2–4.6 s, 4 jobs 3.7–3.9 s.
    /// </summary>
    public static int DefaultJobs => 2 * Environment.ProcessorCount;

    /// <summary>Where partners (IPAM, the chain's bridge) are looked up after the plugin's own folder; null: /usr/lib/cni, /opt/cni/bin.</summary>
    public IReadOnlyList<string>? PartnerPath { get; init; }

    /// <summary>How every fake host is set up before the plugin runs (<c>--host-profile</c>).</summary>
    public HostProfile HostProfile { get; init; } = HostProfile.Plain;

    /// <summary>
    /// Fake hosts (nodes) the cross-node check joins (<c>--nodes</c>): 1, or 2 for two nodes on an underlay link,
    /// each with its own pod range, routed host-gw style.
    /// </summary>
    public int Nodes { get; init; } = 1;

    /// <summary>Parallel ADDs of the concurrency check (issue 5: N ≥ 8).</summary>
    public int ParallelAttachments { get; init; } = 8;

    /// <summary>What each sandbox is (<c>--sandbox</c>, issue 11): a bare namespace, or a <c>--network none</c> Docker container.</summary>
    public SandboxMode Sandbox { get; init; } = SandboxMode.Netns;

    /// <summary>
    /// Which runtime the suite calls plugins as (<c>--runtime</c>): its CNI_ARGS, capability args, container ids,
    /// netns paths and verbs; libcni (cnitest's own behaviour) by default.
    /// </summary>
    public RuntimePersona Runtime { get; init; } = RuntimePersonas.Libcni;

    /// <summary>The address families of the built-in configs (issue 10): dual where the kernel has IPv6, else IPv4.</summary>
    public IpFamily IpFamily { get; init; } = IpFamilies.Default;

    /// <summary>Only this part of the planned checks (<c>--shard K/N</c>); null: all of them.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Reruns of a failed check, each in a fresh fake host (<c>--retries N</c>); a check that passes on one is flaky.</summary>
    public int Retries { get; init; }

    /// <summary>A --filter that selects no check is a usage error (<c>--fail-on-empty</c>, the default); false: an empty run.</summary>
    public bool FailOnEmpty { get; init; } = true;

    /// <summary>Where every plugin call and drift step of each check is recorded (<c>--record</c>); null: not recorded.</summary>
    public Recording.Recorder? Recorder { get; init; }

    /// <summary>The checks to plan from; null: <see cref="CniTest.Scenarios.Checks.CheckCatalog.All"/>. Tests put a check of their own here.</summary>
    internal IReadOnlyList<CheckDefinition>? Checks { get; init; }
}
