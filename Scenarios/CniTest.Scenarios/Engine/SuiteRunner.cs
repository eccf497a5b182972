using System.Diagnostics;
using CniTest.Scenarios.Checks;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Sandbox.Docker;

namespace CniTest.Scenarios.Engine;

/// <summary>
/// Runs the suite: preflight, then every planned check in its own fake host, up to <see cref="RunOptions.Jobs"/>
/// at once, then one result per output-contract rule. All fake hosts are removed when the run ends, fails or is
/// cancelled.
/// </summary>
public static class SuiteRunner
{
    public static async Task<RunReport> RunAsync(RunOptions options, IRunObserver? observer = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        using var runDir = RunDirectory.Create();
        // --sandbox docker: the engine (a private dockerd, the image) comes up while the preflight runs.
        var starting = options.Sandbox == SandboxMode.Docker
            ? Task.Run<DockerSandboxes?>(async () => await DockerSandboxes.StartAsync(runDir.Path, ct), ct)
            : Task.FromResult<DockerSandboxes?>(null);
        try
        {
            var plan = await Preflight.PlanAsync(options, runDir, ct);
            var containers = await starting;
            return await RunChecksAsync(options, plan, runDir, containers, clock, observer, ct);
        }
        finally
        {
            await StopAsync(starting);
        }
    }

    /// <summary>Removes the containers and image of the run and stops its daemon, once it is up (even after a failure).</summary>
    private static async Task StopAsync(Task<DockerSandboxes?> starting)
    {
        try
        {
            (await starting)?.Dispose();
        }
        catch (Exception)
        {
            // StartAsync cleaned up after itself; its exception is the run's, or the preflight's came first.
        }
    }

    private static async Task<RunReport> RunChecksAsync(RunOptions options, RunPlan plan, RunDirectory runDir, DockerSandboxes? containers,
        Stopwatch clock, IRunObserver? observer, CancellationToken ct)
    {
        var catalog = options.Checks ?? CheckCatalog.All;
        var planned = Planner.Expand(plan, catalog, options.Filter);
        if (planned.Count == 0 && options.FailOnEmpty)
        {
            throw new EnvironmentProblemException($"no check for the {PluginRoles.Name(plan.Role)} role matches --filter '{options.Filter}'; " +
                $"check ids: {string.Join(", ", catalog.Where(c => c.Roles.Contains(plan.Role)).Select(c => c.Id))}");
        }

        // A shard runs its part of the plan; the whole plan's labels go into the report so that a merge can check that
        // every part is there (--shard, cnitest report merge).
        var checks = options.Shard is { } shard ? shard.Select(planned) : planned;
        observer?.Planned(plan, checks);

        var contract = new ContractCollector();
        var results = new CheckResult[checks.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, options.Jobs));
        // Expensive checks start first so the run does not end waiting on one of them.
        var order = checks.Select((c, i) => (c, i)).OrderByDescending(x => x.c.SkipReason is null ? x.c.Definition.Weight : 0).ToList();
        var tasks = order.Select(async x =>
        {
            await gate.WaitAsync(ct);
            try
            {
                observer?.Started(x.c);
                results[x.i] = await ExecuteWithRetriesAsync(plan, x.c, x.i, checks.Count, runDir, contract, ct, containers);
                observer?.Finished(results[x.i]);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks);

        var terms = Planner.Terms(options.Filter);
        var tally = contract.Tally();
        var contractResults = ContractCollector.Results(tally, options.Policy)
            .Where(r => Planner.Matches(r.Id, terms, id => ContractCollector.ChecklistIdOf(r.Id) == id)).ToList();
        foreach (var r in contractResults)
        {
            observer?.Finished(r);
        }

        return new RunReport
        {
            Plugin = options.PluginPath,
            Role = plan.Role,
            Versions = [.. plan.Matrix.Select(m => m.Version).Union(plan.DeepVersions)],
            Duration = clock.Elapsed,
            Results = [.. results, .. contractResults],
            Policy = options.Policy,
            HostProfile = options.HostProfile,
            Shard = options.Shard,
            Planned = [.. planned.Select(c => c.Label)],
            Contract = tally,
            Runtime = options.Runtime.Name,
        };
    }

    /// <summary>
    /// Runs a check, and reruns it after a failure up to <see cref="RunOptions.Retries"/> times, each time in a fresh
    /// fake host. The first pass ends it (a flaky check: the failed attempts stay in the result); if every attempt
    /// fails, the last one is the verdict and the earlier ones are its reruns. A harness problem gets one more attempt
    /// of its own, whatever <c>--retries</c> says: it is often transient (a Docker engine under load: "cannot start a
    /// stopped process", "OCI runtime create failed"), and only one that comes back is an error (exit 2).
    /// </summary>
    internal static async Task<CheckResult> ExecuteWithRetriesAsync(RunPlan plan, PlannedCheck check, int index, int count, RunDirectory runDir,
        ContractCollector contract, CancellationToken ct, DockerSandboxes? containers = null)
    {
        var attempt = 0;
        // Each attempt gets a new index, hence its own fake host name next to the ones still running, and its own recording.
        Task<CheckResult> NextAsync() => ExecuteAsync(plan, check, index + (attempt * count), runDir, contract, ct, containers, ++attempt);

        var result = await NextAsync();
        if (IsHarnessProblem(result))
        {
            var first = result;
            result = await NextAsync();
            result = result.Outcome switch
            {
                CheckOutcome.Error when IsHarnessProblem(result) => result with { Message = $"{result.Message} (twice: also on a second attempt in a fresh fake host)" },
                CheckOutcome.Passed => result with
                {
                    Message = string.Join("; ", new[] { result.Message, $"passed on a second attempt in a fresh fake host; the first hit a {first.Message}" }.OfType<string>()),
                },
                _ => result,
            };
        }

        var failed = new List<CheckResult>();
        for (var rerun = 1; rerun <= plan.Options.Retries && result.Outcome == CheckOutcome.Failed; rerun++)
        {
            failed.Add(result);
            result = await NextAsync();
        }

        return failed.Count == 0 ? result : result with { FailedAttempts = failed };
    }

    private const string HarnessProblem = "harness problem, not a verdict on the plugin: ";

    /// <summary>A check that errored because a helper command or the environment failed under it (not cnitest's own bug).</summary>
    public static bool IsHarnessProblem(CheckResult r) =>
        r.Outcome == CheckOutcome.Error && r.Message?.StartsWith(HarnessProblem, StringComparison.Ordinal) == true;

    internal static async Task<CheckResult> ExecuteAsync(RunPlan plan, PlannedCheck check, int index, RunDirectory runDir,
        ContractCollector contract, CancellationToken ct, DockerSandboxes? containers = null, int attempt = 1)
    {
        // --record: every call and drift step of the check goes to its own folder, replayable by its key.
        var recorder = check.SkipReason is null ? plan.Options.Recorder?.ForCheck(check, plan, attempt) : null;
        var result = await ExecuteAsync(plan, check, index, runDir, contract, recorder, containers, ct);
        if (recorder is null)
        {
            return result;
        }

        recorder.Complete(result.IsWarning ? "warning" : result.Outcome.ToString().ToLowerInvariant());
        return result with { ReplayCommand = recorder.ReplayCommand };
    }

    private static async Task<CheckResult> ExecuteAsync(RunPlan plan, PlannedCheck check, int index, RunDirectory runDir,
        ContractCollector contract, Recording.CheckRecorder? recorder, DockerSandboxes? containers, CancellationToken ct)
    {
        var def = check.Definition;
        if (check.SkipReason is { } reason)
        {
            return Skipped(check, reason, TimeSpan.Zero, []);
        }

        var clock = Stopwatch.StartNew();
        FakeHost? host = null;
        CheckContext? ctx = null;
        try
        {
            host = await FakeHost.CreateAsync(runDir.Path, $"check{index}", plan.Network.MasterLinks, ct, containers);
            await HostProfiles.ApplyAsync(host, plan.Options.HostProfile, ct);
            recorder?.Attach(host);
            ctx = new CheckContext(plan, def.Id, check.Version, host, contract, ct) { Recorder = recorder };
            await def.Body(ctx);
        }
        catch (CheckStoppedException)
        {
        }
        catch (CheckSkippedException e)
        {
            return Skipped(check, e.Message, clock.Elapsed, ctx?.Invocations ?? []);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            // Not a skip: a skip is a check's decision (CheckSkippedException). A check that threw did not run to its
            // end, and as a skip it let a run pass with most of the suite unjudged ("PASSED … 0 failed, 42 skipped"
            // from a build where every schema validation threw). An error is counted apart and fails the run (exit 2).
            return Errored(check, e, clock.Elapsed, ctx?.Invocations ?? []);
        }
        finally
        {
            try
            {
                // What the plugins left running is judged before the host's disposal kills it (P73–P75, issue 12).
                if (ctx is not null && !ct.IsCancellationRequested)
                {
                    await ProcessChecks.JudgeAsync(ctx);
                }
            }
            finally
            {
                recorder?.Close();
                host?.Dispose();
            }
        }

        return Judge(plan.Options.Policy, check, ctx!, clock.Elapsed);
    }

    /// <summary>The verdict from a check's findings under the profile.</summary>
    internal static CheckResult Judge(ProfilePolicy policy, PlannedCheck check, CheckContext ctx, TimeSpan duration) =>
        Judge(policy, check, ctx.Findings, ctx.Notes, ctx.Invocations, ctx.FailedInvocation, duration);

    internal static CheckResult Judge(ProfilePolicy policy, PlannedCheck check, IReadOnlyList<Finding> findings, IReadOnlyList<string> notes,
        IReadOnlyList<Harness.Invocation.InvocationRecord> invocations, Harness.Invocation.InvocationRecord? failed, TimeSpan duration)
    {
        var result = Result(check, CheckOutcome.Passed, notes.Count > 0 ? string.Join("; ", notes) : null, duration, invocations);
        if (findings.Count == 0)
        {
            return result;
        }

        var judged = findings.Select(f => (f, Verdict: policy.Judge(f.Level, f.Rule))).OrderByDescending(x => x.Verdict).ToList();
        var worst = judged[0];
        return result with
        {
            Rule = worst.f.Rule,
            Level = worst.f.Level,
            Outcome = worst.Verdict == FindingVerdict.Failure ? CheckOutcome.Failed : CheckOutcome.Passed,
            IsWarning = worst.Verdict == FindingVerdict.Warning,
            Message = string.Join("\n", judged.Select(x => x.f.Rule == worst.f.Rule || judged.Count == 1 ? x.f.Message : $"{x.f.Rule}: {x.f.Message}")),
            FailedInvocation = failed,
        };
    }

    private static CheckResult Skipped(PlannedCheck check, string reason, TimeSpan duration, IReadOnlyList<Harness.Invocation.InvocationRecord> invocations) =>
        Result(check, CheckOutcome.Skipped, reason, duration, invocations);

    /// <summary>
    /// A check that threw. A helper command or the environment failing under it is a harness problem (as in the
    /// preflight, where the same exceptions are exit 2); anything else is a bug in cnitest, named with the place it
    /// was thrown so that the one line is enough for a report.
    /// </summary>
    internal static CheckResult Errored(PlannedCheck check, Exception e, TimeSpan duration, IReadOnlyList<Harness.Invocation.InvocationRecord> invocations) =>
        Result(check, CheckOutcome.Error, e is SandboxCommandException or EnvironmentProblemException
            ? HarnessProblem + e.Message
            : $"internal error in cnitest ({e.GetType().Name}: {e.Message}{ThrownAt(e)}); please report it",
            duration, invocations);

    /// <summary>
    /// " in Type.Method" from the first frame of the exception's stack trace text: the text survives NativeAOT, where
    /// <see cref="Exception.TargetSite"/> needs reflection metadata the trimmed CLI does not keep.
    /// </summary>
    private static string ThrownAt(Exception e)
    {
        var first = e.StackTrace?.TrimStart().Split('\n', 2)[0];
        if (first is null || !first.StartsWith("at ", StringComparison.Ordinal))
        {
            return "";
        }

        var method = first[3..].Split('(', 2)[0].Trim();
        var parts = method.Split('.');
        return parts.Length >= 2 ? $" in {parts[^2]}.{parts[^1]}" : $" in {method}";
    }

    /// <summary>A check's result under its own rule and level: a pass before findings are judged, a skip, an error.</summary>
    private static CheckResult Result(PlannedCheck check, CheckOutcome outcome, string? message, TimeSpan duration,
        IReadOnlyList<Harness.Invocation.InvocationRecord> invocations) => new()
    {
        Id = check.Definition.Id,
        Title = check.Definition.Title,
        Rule = check.Definition.Rule,
        CniVersion = check.ReportVersion,
        Outcome = outcome,
        Level = check.Definition.Level,
        Message = message,
        Duration = duration,
        Invocations = invocations,
    };
}
