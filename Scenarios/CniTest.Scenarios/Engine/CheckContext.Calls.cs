using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Harness.Results;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Configs;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Engine;

/// <summary>How DEL is sent (the DEL-family checks vary it, P26–P28).</summary>
public sealed record DelOptions
{
    public static DelOptions Default { get; } = new();

    /// <summary>Send the cached ADD result as <c>prevResult</c> (from 0.4.0 on, as libcni does, R32).</summary>
    public bool WithPrevResult { get; init; } = true;

    /// <summary>Null: the sandbox path (even when the sandbox was deleted); "" sends <c>CNI_NETNS</c> empty.</summary>
    public string? Netns { get; init; }
}

/// <summary>
/// Every plugin call of a check goes through the Harness's <see cref="CniRuntime"/>, the same runtime as
/// <c>cnitest add/check/del/gc/status</c>: config parsing, request building (capabilities → runtimeConfig,
/// prevResult), chain order, result conversion, the result cache (in the fake host) and the output contract.
/// A check only chooses what a runtime would vary: which attachment, which netns, whether prevResult is sent.
/// </summary>
public sealed partial class CheckContext
{
    private readonly ConcurrentDictionary<(NetworkSpec, FakeHost), RenderedNetwork> _networks = new();

    /// <summary>A network rendered for this check's fake host and version, with the runtime's options for it.</summary>
    private sealed record RenderedNetwork(NetworkSpec Spec, NetworkConfigList List, ChainOptions Options, CniRuntime Runtime)
    {
        public ChainMember MemberOf(PluginConfig plugin) => Spec.Members[IndexOf(plugin)];

        public PluginConfig Subject => List.Plugins[Spec.SubjectIndex];

        public NetworkConfigList Only(IEnumerable<PluginConfig> plugins) => List.WithPlugins([.. plugins]);

        private int IndexOf(PluginConfig plugin)
        {
            for (var i = 0; i < List.Plugins.Count; i++)
            {
                if (ReferenceEquals(List.Plugins[i], plugin))
                {
                    return i;
                }
            }

            throw new InvalidOperationException($"plugin {plugin.Type} is not part of network {List.Name}");
        }
    }

    /// <summary>ADD through the chain, libcni-style: each plugin gets the previous one's result as <c>prevResult</c>.</summary>
    public async Task<StepResult> AddAsync(Attachment a)
    {
        var net = Rendered(a.Network, a.Node);
        var outcome = await net.Runtime.TraceAddAsync(net.List, RuntimeConf(a), net.Options, Ct);
        var subject = outcome.StepOf(net.Subject);
        if (subject?.Record is { Succeeded: true } record)
        {
            a.SubjectResult = StdoutDocuments.First(record.Stdout) as JsonObject;
        }

        if (subject?.Request is { } sent)
        {
            a.SubjectPrevResult = sent["prevResult"]?.DeepClone() as JsonObject;
        }

        if (outcome.Result is { } result)
        {
            a.Result = InCheckVersion(result);
        }

        return Step(net, outcome);
    }

    /// <summary>
    /// ADD and DEL of a throwaway attachment, so that state a plugin keeps by design across attachments (a bridge,
    /// top-level chains, an IPAM store's stamp or lock files) exists before a check measures what one attachment
    /// leaves behind.
    /// </summary>
    public async Task WarmUpAsync(string rule, Harness.Contract.RuleLevel level)
    {
        var warm = NewAttachment();
        Require(await AddAsync(warm), "ADD of a warm-up attachment", rule, level);
        Require(await DelAsync(warm), "DEL of the warm-up attachment", rule, level);
    }

    /// <summary>
    /// Runs the partners before the plugin under test (ADD), so its request can carry their result; nothing is
    /// cached, since the plugin under test is then called by hand.
    /// </summary>
    public async Task<StepResult> PrepareAsync(Attachment a)
    {
        var net = Rendered(a.Network, a.Node);
        var before = net.Only(net.List.Plugins.Take(net.Spec.SubjectIndex));
        if (before.Plugins.Count == 0)
        {
            return new StepResult { Succeeded = true };
        }

        var outcome = await net.Runtime.TraceAddAsync(before, RuntimeConf(a), net.Options with { UpdateCache = false }, Ct);
        a.PreparedPrevResult = outcome.Result;
        a.SubjectPrevResult = outcome.Result is { } r ? InCheckVersion(r) : null;
        return Step(net, outcome);
    }

    /// <summary>DEL through the chain in reverse order, each plugin with the cached final result (R32).</summary>
    public async Task<StepResult> DelAsync(Attachment a, DelOptions? options = null)
    {
        options ??= DelOptions.Default;
        var net = Rendered(a.Network, a.Node);
        var rt = RuntimeConf(a) with { Netns = options.Netns ?? a.Netns };
        var outcome = await net.Runtime.TraceDelAsync(net.List, rt, net.Options with { OmitPrevResult = !options.WithPrevResult }, Ct);
        return Step(net, outcome);
    }

    /// <summary>
    /// CHECK of the plugin under test with the chain's cached ADD result as <c>prevResult</c> (R33). Only the plugin
    /// under test is asked: a partner's CHECK that trips over the plugin's legitimate changes (bridge looking for a
    /// gateway route that sbr moved to another table) would be the partner's defect, not the plugin's (P32 "allow
    /// later chained plugins to have modified resources").
    /// </summary>
    public async Task<StepResult> CheckAsync(Attachment a)
    {
        var net = Rendered(a.Network, a.Node);
        if (net.List.DisableCheck)
        {
            Skip("the config sets disableCheck: a runtime never sends CHECK for this network");
        }

        var outcome = await net.Runtime.TraceCheckAsync(net.Only([net.Subject]), RuntimeConf(a), net.Options, Ct);
        return Step(net, outcome);
    }

    /// <summary>True when the attachment's network list sets <c>disableCheck</c>: no runtime sends CHECK for it.</summary>
    public bool ChecksDisabled(Attachment a) => Rendered(a.Network, a.Node).List.DisableCheck;

    /// <summary>
    /// GC of the network with <paramref name="valid"/> as the attachments to keep (SPEC 1.1 GC, R34): the runtime
    /// first DELs cached attachments that are not valid, then sends GC to every plugin.
    /// </summary>
    public async Task<StepResult> GcAsync(IReadOnlyList<Attachment> valid, GcListKeys keys = GcListKeys.Both)
    {
        var net = Rendered(Plan.Network, Host);
        if (net.List.DisableGC)
        {
            Skip("the config sets disableGC: a runtime never sends GC for this network");
        }

        var args = new GcArgs([.. valid.Select(v => new GcAttachment(v.ContainerId, v.IfName))]) { Keys = keys };
        return Step(net, await net.Runtime.TraceGcAsync(net.List, args, net.Options, Ct));
    }

    /// <summary>
    /// Drops the runtime's cached result of <paramref name="a"/>, as when a runtime lost track of an attachment
    /// (a crash between ADD and the cache write, a wiped cache: cni#1055). Its resources then stay until the
    /// plugin's own GC removes them, which is the case GC exists for (P37).
    /// </summary>
    public void Forget(Attachment a)
    {
        a.Node.Actions?.OnAction(Recording.RecordedAction.CacheForget, null, $"{a.Network.Name} {a.ContainerId} {a.IfName}");
        RuntimeFor(a.Node).Cache?.Delete(a.Network.Name, a.ContainerId, a.IfName);
    }

    /// <summary>STATUS of the plugin under test (SPEC 1.1 STATUS, R35): the plugin object with name and cniVersion only.</summary>
    public async Task<InvocationRecord> StatusAsync()
    {
        var net = Rendered(Plan.Network, Host);
        var outcome = await net.Runtime.TraceStatusAsync(net.Only([net.Subject]), net.Options, Ct);
        return outcome.StepOf(net.Subject)?.Record
            ?? throw new EnvironmentProblemException($"STATUS did not reach the plugin: {string.Join("; ", outcome.Errors.Select(e => e.Message))}");
    }

    /// <summary>VERSION with only <c>CNI_COMMAND</c> set (P10) and <paramref name="askVersion"/> on stdin.</summary>
    public async Task<InvocationRecord> VersionAsync(string askVersion) =>
        (await RuntimeFor(Host).ProbeVersionAsync(Plan.PluginPath, askVersion, VersionProbeStyle.CommandOnly, Ct)).Record;

    /// <summary>The request the plugin under test gets for <paramref name="a"/> (run <see cref="PrepareAsync"/> first in a chain).</summary>
    public JsonObject SubjectRequest(Attachment a)
    {
        var net = Rendered(a.Network, a.Node);
        return net.Runtime.BuildRequest(net.List, net.Subject, RuntimeConf(a), a.PreparedPrevResult, net.Options);
    }

    /// <summary>
    /// Calls the plugin under test with exactly <paramref name="stdin"/>; <paramref name="tweak"/> may change the
    /// request (omit or override variables) to send bad input on purpose.
    /// </summary>
    public Task<InvocationRecord> InvokeSubjectAsync(string command, Attachment a, byte[] stdin,
        Func<InvocationRequest, InvocationRequest>? tweak = null)
    {
        var runtime = RuntimeFor(a.Node);
        var request = runtime.CreateRequest(command, RuntimeConf(a), stdin);
        return runtime.InvokeAsync(a.Network.Subject.Type, Plan.PluginPath, tweak is null ? request : tweak(request), Ct);
    }

    /// <summary>The request bytes of <paramref name="request"/>, as the runtime writes them to stdin.</summary>
    public static byte[] Encode(JsonObject request) => System.Text.Encoding.UTF8.GetBytes(request.ToJsonString());

    /// <summary>The version <paramref name="member"/> is called at when the chain speaks <see cref="Version"/>.</summary>
    internal string MemberVersion(ChainMember member) =>
        member.IsSubject ? Version : Plan.PartnerVersion(member, Version) ?? Version;

    private RenderedNetwork Rendered(NetworkSpec spec, FakeHost node) => _networks.GetOrAdd((spec, node), key =>
    {
        var (s, n) = key;
        RenderedNetwork? net = null;
        net = new RenderedNetwork(s, s.ListFor(n.IpamDir, Version), new ChainOptions
        {
            VersionFor = p => MemberVersion(net!.MemberOf(p)),
            BinaryFor = p => net!.MemberOf(p).BinaryPath,
        }, RuntimeFor(n));
        return net;
    });

    /// <summary>
    /// The attachment's runtime parameters, as its runtime persona sends them: CNI_ARGS (R25) and a test value for
    /// every capability the persona fills in (R24; the Harness passes on only those the plugin declares).
    /// </summary>
    private static RuntimeConf RuntimeConf(Attachment a) =>
        new(a.ContainerId, a.Netns, a.IfName) { Args = a.Args, CapabilityArgs = a.CapabilityArgs };

    private StepResult Step(RenderedNetwork net, ChainOutcome outcome)
    {
        InvocationRecord? subject = null;
        string? resultError = null;
        (ChainMember, InvocationRecord)? partnerFailure = null;
        foreach (var step in outcome.Steps)
        {
            var member = net.MemberOf(step.Plugin);
            if (member.IsSubject)
            {
                subject = step.Record;
                if (step.Record is { Succeeded: true } && step.Error is ResultParseException e)
                {
                    resultError = e.Message;
                }
            }
            else if (!step.Succeeded && step.Record is { } record)
            {
                partnerFailure ??= (member, record);
            }
        }

        return new StepResult
        {
            Succeeded = outcome.Succeeded,
            Subject = subject,
            PartnerFailure = partnerFailure,
            ResultError = resultError,
            Error = outcome.Errors.FirstOrDefault()?.Message,
        };
    }

    /// <summary>A chain result in this check's version (as returned when the spec allows no conversion).</summary>
    private JsonObject InCheckVersion(ICniResult result)
    {
        try
        {
            return result.ConvertTo(Version).ToJson();
        }
        catch (CniHarnessException)
        {
            return result.ToJson();
        }
    }
}
