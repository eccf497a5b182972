using System.Diagnostics.CodeAnalysis;
using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Engine;

/// <summary>
/// What a check works with: its fake host, the plan, the version it runs at, helpers to attach and detach through
/// the role's chain, and the findings it reports. Every call of the plugin under test is recorded for the report
/// and judged by the output contract.
/// </summary>
public sealed partial class CheckContext
{
    private readonly List<InvocationRecord> _invocations = [];
    private readonly List<Finding> _findings = [];
    private readonly List<string> _notes = [];
    private readonly ContractCollector? _contract;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<FakeHost, CniRuntime> _runtimes = new();
    private readonly Lock _lock = new();
    private int _attachments;

    internal CheckContext(RunPlan plan, string checkId, string version, FakeHost host, ContractCollector? contract, CancellationToken ct)
    {
        Plan = plan;
        CheckId = checkId;
        Version = version;
        Host = host;
        _contract = contract;
        Ct = ct;
    }

    /// <summary>
    /// The runtime of one node: plugins run in its fake host, with its result cache. Every plugin call of the check
    /// goes through one of these (the main host's, or a second node's with <c>--nodes 2</c>).
    /// </summary>
    private CniRuntime RuntimeFor(FakeHost node) => _runtimes.GetOrAdd(node, n => new CniRuntime(new RuntimeOptions
    {
        PluginPath = Plan.CniPath,
        Executor = n.CreateExecutor(Plan.Options.Timeout),
        CacheDirectory = n.CacheDir,
        Timeout = Plan.Options.Timeout,
        Observers = Recorder is { } recorder ? [new SubjectObserver(this), recorder.ObserverFor(n)] : [new SubjectObserver(this)],
        // Every plugin of the chain gets its DEL even after one failed, so a check sees the plugin under test's
        // answer whatever its partners did (libcni stops at the first error: plugins#1282).
        DelContinuesOnError = true,
    }));

    public RunPlan Plan { get; }
    public string CheckId { get; }

    /// <summary>Records every call and drift step of the check (<c>--record</c>); null when not recording.</summary>
    internal Recording.CheckRecorder? Recorder { get; init; }

    /// <summary>The <c>cniVersion</c> of every request this check sends.</summary>
    public string Version { get; }

    public FakeHost Host { get; }
    public CancellationToken Ct { get; }

    /// <summary>The interface name checks use unless they need another.</summary>
    public string IfName => Plan.Traits.IfName;

    internal IReadOnlyList<InvocationRecord> Invocations
    {
        get
        {
            lock (_lock)
            {
                return [.. _invocations];
            }
        }
    }

    internal IReadOnlyList<Finding> Findings => _findings;
    internal IReadOnlyList<string> Notes => _notes;
    internal InvocationRecord? FailedInvocation { get; private set; }

    /// <summary>True once the processes the plugins left were judged (<c>ProcessChecks.JudgeAsync</c>, once per check).</summary>
    internal bool ProcessesJudged { get; set; }

    /// <summary>
    /// A new attachment with a fresh sandbox (or <paramref name="sandbox"/>) and a unique container id, on the main
    /// fake host or on <paramref name="node"/>.
    /// </summary>
    /// <remarks>
    /// The container id, the sandbox's pin name, <c>CNI_NETNS</c>, CNI_ARGS and capability args are those of
    /// <paramref name="persona"/>, by default the run's (<c>--runtime</c>).
    /// </remarks>
    public Attachment NewAttachment(string? ifName = null, ContainerSandbox? sandbox = null, string? containerId = null,
        Configs.NetworkSpec? network = null, FakeHost? node = null, Runtimes.RuntimePersona? persona = null)
    {
        var n = Interlocked.Increment(ref _attachments);
        node ??= Host;
        persona ??= Plan.Options.Runtime;
        network ??= Plan.Network;
        var slug = Slug(CheckId);
        var pod = persona.Pod(slug, n);
        if (containerId is not null)
        {
            pod = pod with { SandboxId = containerId };
        }

        sandbox ??= persona.NetnsName(slug, n) is { } name ? node.NewSandbox(name) : node.NewSandbox();
        return new Attachment(pod.SandboxId, ifName ?? IfName, sandbox, n, network)
        {
            Node = node,
            Persona = persona,
            Pod = pod,
            Netns = Runtimes.PersonaNetns.For(persona, sandbox.Path, node.PluginNetnsDirectory),
            Args = persona.Args(pod),
            CapabilityArgs = persona.CapabilityArgs(n, network.Name, pod),
        };
    }

    /// <summary>Records a finding and stops the check.</summary>
    [DoesNotReturn]
    public void Fail(string rule, RuleLevel level, string message, InvocationRecord? about = null)
    {
        Report(rule, level, message, about);
        throw new CheckStoppedException();
    }

    /// <summary>Records a finding; the check goes on.</summary>
    public void Report(string rule, RuleLevel level, string message, InvocationRecord? about = null)
    {
        _findings.Add(new Finding(rule, level, message));
        FailedInvocation ??= about;
    }

    /// <summary>Stops the check as skipped, with the reason.</summary>
    [DoesNotReturn]
    public void Skip(string reason) => throw new CheckSkippedException(reason);

    /// <summary>Adds a line to the message of a passing check (what was verified).</summary>
    public void Note(string message) => _notes.Add(message);

    private static string Slug(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    /// <summary>
    /// Records every call of the plugin under test, whichever runtime operation made it, and hands it to the output
    /// contract; partners' calls are the runtime's business only.
    /// </summary>
    private sealed class SubjectObserver(CheckContext ctx) : IInvocationObserver
    {
        public void OnInvocation(InvocationRecord record, string pluginType, string requestCniVersion)
        {
            if (record.PluginPath != ctx.Plan.PluginPath)
            {
                return;
            }

            lock (ctx._lock)
            {
                ctx._invocations.Add(record);
            }

            ctx._contract?.Observe(ctx.CheckId, record, requestCniVersion, ctx.Plan.Role == PluginRole.Ipam);
        }
    }
}

/// <summary>Thrown by <see cref="CheckContext.Fail"/> to end a check after a finding.</summary>
public sealed class CheckStoppedException : Exception;

/// <summary>Thrown by <see cref="CheckContext.Skip"/>.</summary>
public sealed class CheckSkippedException(string reason) : Exception(reason);
