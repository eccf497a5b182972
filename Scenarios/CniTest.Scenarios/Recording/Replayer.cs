using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Recording;

/// <summary>What <c>cnitest replay</c> was asked to do.</summary>
public sealed record ReplayOptions
{
    /// <summary>
    /// Substitutes the plugin under test (the recorded subject's binary), e.g. to try a fix; null keeps it. A CLI
    /// recording has no plugin under test: there the calls of the plugin with the same file name are substituted.
    /// </summary>
    public string? PluginPath { get; init; }

    /// <summary>Per call, as <c>run --timeout</c>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>One step of a replay: the recorded and the new verdict of a call, or the action redone.</summary>
/// <param name="Step">The recorded step number.</param>
/// <param name="What">The call (<c>DEL ptp</c>) or the action.</param>
/// <param name="Recorded">The call's recorded verdict; null for an action.</param>
/// <param name="Replayed">The call's verdict now; null for an action or a call that could not be started.</param>
/// <param name="Note">For an action, what was done; for a call, why it did not run.</param>
public sealed record ReplayRow(int Step, string What, CallVerdict? Recorded, CallVerdict? Replayed, string? Note)
{
    /// <summary>True for a call whose verdict changed (or that could not run again).</summary>
    public bool Differs => Recorded is not null && (Replayed is null || !Recorded.SameAs(Replayed));
}

/// <summary>The outcome of a replay.</summary>
/// <param name="Rows">Every step, in order.</param>
/// <param name="Notes">What the reader should know (redacted values sent as masks, a substituted plugin).</param>
public sealed record ReplayReport(IReadOnlyList<ReplayRow> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>True when any call's verdict differs from the recorded one.</summary>
    public bool Differs => Rows.Any(r => r.Differs);
}

/// <summary>
/// Re-runs recorded steps in a fresh fake host with the recorded layout (the same master links and host profile,
/// each sandbox created under its recorded name before the first step that saw it, deleted where the check deleted
/// it): the same calls with the same variables and stdin, in the same order, with the same drift between them. Paths
/// of the recorded fake host (netns pins, IPAM and cache directories, the run directory) are rewritten to the new
/// one's, and so are values the plugin chose anew (a MAC, a host veth name), learnt from its replayed answers. Everything is
/// removed afterwards, also when cancelled (Ctrl-C), exactly as for <c>run</c>.
/// </summary>
public static class Replayer
{
    /// <summary>Replays <paramref name="steps"/> (one check's, or a single call).</summary>
    /// <exception cref="EnvironmentProblemException">Not root, or the fake host cannot be built.</exception>
    public static async Task<ReplayReport> ReplayAsync(IReadOnlyList<RecordedStep> steps, ReplayOptions options, CancellationToken ct = default)
    {
        if (steps.Count == 0)
        {
            return new ReplayReport([], ["the recording holds no step for this check (it made no plugin call)"]);
        }

        var layout = steps[0].Layout;
        if (steps.FirstOrDefault(s => s.Layout.HostDir != layout.HostDir) is { } other)
        {
            // net.cross-node (--nodes 2): the second node and the underlay between the nodes are not recorded steps.
            throw new EnvironmentProblemException($"{other.Check} ran on two fake hosts (--nodes 2); replay rebuilds one fake host only");
        }

        using var runDir = RunDirectory.Create();
        var name = layout.HostDir is { } d ? Path.GetFileName(d) : "replay";
        using var host = await FakeHost.CreateAsync(runDir.Path, name, layout.MasterLinks, ct);
        await HostProfiles.ApplyAsync(host, layout.HostProfile == "docker" ? HostProfile.Docker : HostProfile.Plain, ct);
        var bySubject = steps.Any(s => s.Call is { Subject: true });
        var session = new Session(host, layout.HostDir, options, bySubject);

        var notes = new List<string>();
        if (steps.FirstOrDefault(s => s.Redacted.Count > 0) is { } redacted)
        {
            notes.Add($"values of {string.Join(", ", redacted.Redacted)} were redacted when recorded: the plugin gets the mask {Redactor.Mask} instead");
        }

        if (options.PluginPath is { } substitute)
        {
            var calls = steps.Select(s => s.Call).OfType<RecordedCall>().ToList();
            var byName = !calls.Any(c => c.Subject);
            notes.Add(!byName ? $"the plugin under test is replaced by {substitute}"
                : calls.Any(c => Path.GetFileName(c.Plugin) == Path.GetFileName(substitute)) ? $"{Path.GetFileName(substitute)} is replaced by {substitute}"
                : $"no recorded call ran a plugin named {Path.GetFileName(substitute)}: nothing was replaced");
        }

        var rows = new List<ReplayRow>();
        foreach (var step in steps)
        {
            session.EnsureSandboxes(step.Layout);
            rows.Add(step.Call is { } call ? await session.CallAsync(step.Step, call, ct) : await session.ActionAsync(step.Step, step.Action!, ct));
        }

        return new ReplayReport(rows, notes);
    }

    private sealed class Session(FakeHost host, string? recordedHostDir, ReplayOptions options, bool bySubject)
    {
        private readonly Dictionary<string, ContainerSandbox> _sandboxes = [];
        private readonly HashSet<string> _deleted = [];
        private readonly Dictionary<string, string> _foreignNetns = [];
        private readonly IPluginExecutor _executor = host.CreateExecutor(options.Timeout);

        /// <summary>
        /// Values the plugin chose anew on replay (a MAC address, a host veth name, an address), recorded → replayed,
        /// learnt from each answer; later requests (the prevResult of CHECK and DEL) and drift commands get the new
        /// ones, as a runtime would send what its cache holds from this run's ADD.
        /// </summary>
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        /// <summary>Creates the sandboxes that existed when the step was recorded (and were not deleted since).</summary>
        public void EnsureSandboxes(RecordedLayout layout)
        {
            foreach (var sandbox in layout.Sandboxes.Where(s => !s.Deleted))
            {
                Sandbox(sandbox.Name);
            }
        }

        public async Task<ReplayRow> CallAsync(int step, RecordedCall call, CancellationToken ct)
        {
            var what = $"{call.Command} {call.PluginType}";
            if (recordedHostDir is null && call.Env.TryGetValue("CNI_NETNS", out var netns) && netns.StartsWith('/')
                && !_foreignNetns.ContainsKey(netns))
            {
                // A CLI recording names the caller's own namespace: a fresh sandbox stands in for it. (In a check's
                // recording every other value, a stale or malformed one sent on purpose, is sent as it was.)
                _foreignNetns[netns] = Sandbox($"netns{_foreignNetns.Count + 1}")!.Path;
            }

            var env = call.Env.ToDictionary(p => p.Key, p => Rewrite(p.Value));
            if (env.TryGetValue("CNI_NETNS", out var path))
            {
                EnsureSandbox(path);
            }

            var stdin = call.StdinBase64 is { } b64 ? Convert.FromBase64String(b64) : Encoding.UTF8.GetBytes(RewriteStdin(call.Stdin ?? ""));
            var plugin = options.PluginPath is { } substitute
                && (bySubject ? call.Subject : Path.GetFileName(call.Plugin) == Path.GetFileName(substitute)) ? substitute : call.Plugin;
            var request = new InvocationRequest(call.Command, null, null, null, [], [], stdin)
            {
                OverrideVariables = env,
                OmitVariables = new HashSet<string>(InvocationRequest.SpecVariables.Where(v => !env.ContainsKey(v))),
                Timeout = options.Timeout,
            };
            try
            {
                var record = await _executor.ExecuteAsync(plugin, request, ct);
                Learn(call.Stdout, record.StdoutText);
                return new ReplayRow(step, what, call.Verdict, CallVerdict.Of(record, call.RequestCniVersion, call.DelegatedIpam), null);
            }
            catch (CniHarnessException e)
            {
                return new ReplayRow(step, what, call.Verdict, null, e.Message);
            }
        }

        public async Task<ReplayRow> ActionAsync(int step, RecordedAction action, CancellationToken ct)
        {
            var what = action.Sandbox is { } s ? $"{action.Kind} {s}" : action.Kind;
            try
            {
                switch (action.Kind)
                {
                    case RecordedAction.SandboxIpBatch:
                        if (Sandbox(action.Sandbox!) is not { } sandbox)
                        {
                            return new ReplayRow(step, what, null, null, "could not be redone: the sandbox was deleted before");
                        }

                        await sandbox.IpBatchAsync(Rewrite(action.Commands ?? ""), ct);
                        return new ReplayRow(step, what, null, null, "ip " + OneLine(action.Commands));
                    case RecordedAction.SandboxDelete:
                        Sandbox(action.Sandbox!)?.Delete();
                        _deleted.Add(action.Sandbox!);
                        return new ReplayRow(step, what, null, null, "the sandbox was deleted");
                    case RecordedAction.HostIpBatch:
                        await host.IpBatchAsync(Rewrite(action.Commands ?? ""), ct);
                        return new ReplayRow(step, what, null, null, "ip " + OneLine(action.Commands));
                    default:
                        return new ReplayRow(step, what, null, null, "nothing to redo: the calls carry their recorded stdin");
                }
            }
            catch (SandboxCommandException e)
            {
                // Drift that no longer applies (a fixed plugin named the link differently) is shown, not judged.
                return new ReplayRow(step, what, null, null, "could not be redone: " + OneLine(e.Message));
            }
        }

        /// <summary>The sandbox named <paramref name="name"/>, created on first use; null once deleted.</summary>
        private ContainerSandbox? Sandbox(string name)
        {
            if (_deleted.Contains(name))
            {
                return null;
            }

            if (!_sandboxes.TryGetValue(name, out var sandbox))
            {
                sandbox = host.NewSandbox(name);
                _sandboxes[name] = sandbox;
            }

            return sandbox;
        }

        private void EnsureSandbox(string netnsPath)
        {
            var dir = Path.Combine(host.Dir, "netns") + "/";
            if (netnsPath.StartsWith(dir, StringComparison.Ordinal) && netnsPath[dir.Length..] is { Length: > 0 } name
                && name != "host" && !name.Contains('/'))
            {
                Sandbox(name);
            }
        }

        private void Learn(string recorded, string replayed)
        {
            try
            {
                Pair(JsonNode.Parse(recorded), JsonNode.Parse(replayed));
            }
            catch (JsonException)
            {
                // Not a JSON answer (or several documents): nothing to learn from it.
            }
        }

        private void Pair(JsonNode? recorded, JsonNode? replayed)
        {
            switch (recorded, replayed)
            {
                case (JsonObject a, JsonObject b):
                    foreach (var (key, value) in a)
                    {
                        if (b.TryGetPropertyValue(key, out var other))
                        {
                            Pair(value, other);
                        }
                    }

                    break;
                case (JsonArray a, JsonArray b):
                    for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
                    {
                        Pair(a[i], b[i]);
                    }

                    break;
                case (JsonValue a, JsonValue b) when a.TryGetValue<string>(out var x) && b.TryGetValue<string>(out var y) && x != y && x.Length >= 4:
                    _values[x] = y;
                    break;
            }
        }

        private string Rewrite(string text)
        {
            if (recordedHostDir is not null)
            {
                text = text.Replace(recordedHostDir, host.Dir, StringComparison.Ordinal);
            }

            foreach (var (from, to) in _foreignNetns.Concat(_values).OrderByDescending(p => p.Key.Length))
            {
                text = text.Replace(from, to, StringComparison.Ordinal);
            }

            return text;
        }

        /// <summary>
        /// Rewrites paths; for a CLI recording also points every IPAM <c>dataDir</c> into the fake host, so that
        /// replaying a user's config never writes next to the user's own IPAM state.
        /// </summary>
        private string RewriteStdin(string stdin)
        {
            stdin = Rewrite(stdin);
            if (recordedHostDir is not null || !stdin.Contains("\"dataDir\"", StringComparison.Ordinal))
            {
                return stdin;
            }

            try
            {
                var json = JsonNode.Parse(stdin);
                RedirectDataDirs(json);
                return json?.ToJsonString() ?? stdin;
            }
            catch (JsonException)
            {
                return stdin;
            }
        }

        private void RedirectDataDirs(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (key == "dataDir" && o[key] is JsonValue)
                    {
                        o[key] = Path.Combine(host.IpamDir, "data");
                    }
                    else
                    {
                        RedirectDataDirs(o[key]);
                    }
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a)
                {
                    RedirectDataDirs(child);
                }
            }
        }

        private static string OneLine(string? text) => (text ?? "").Trim().Replace('\n', ';');
    }
}
