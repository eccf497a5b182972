using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;

namespace CniTest.Cli.Commands.Run;

/// <summary>Shows a run: live progress and tables on a terminal, plain lines without one or when CI=true.</summary>
internal abstract class RunPrinter
{
    public static RunPrinter Create(CliContext ctx)
    {
        var interactive = ReferenceEquals(ctx.Out, Console.Out) && !Console.IsOutputRedirected
                          && ctx.Env("CI") is not ("true" or "1") && ctx.Env("TERM") != "dumb";
        return interactive ? new LiveRunPrinter(ctx) : new PlainRunPrinter(ctx.Out);
    }

    /// <summary>Runs <paramref name="run"/> with this printer following it.</summary>
    public abstract Task<RunReport> RunAsync(Func<IRunObserver, Task<RunReport>> run);

    /// <summary>The verdict: failures in full, warnings in short, the counts and the duration.</summary>
    public abstract void Summary(RunReport report);

    internal static string Headline(RunPlan plan, IReadOnlyList<PlannedCheck> checks)
    {
        var versions = plan.Matrix.Count == 0 ? "-" : string.Join(", ", plan.Matrix.Select(m => m.Version));
        var traits = plan.Traits.ExistingInterface is { } lo ? $"; configures the existing {lo}" : "";
        return $"{plan.PluginPath} as {PluginRoles.Name(plan.Role)}: {Count(checks.Count, "check")}; versions {versions}; deep checks at {string.Join(", ", plan.DeepVersions)}; " +
               $"profile {(plan.Options.Policy.Profile == RunProfile.Spec ? "spec" : "runtime")}{(plan.Options.Policy.Strict ? " --strict" : "")}; " +
               $"host profile {HostProfiles.Name(plan.Options.HostProfile)}; runtime {plan.Options.Runtime.Name}; {plan.Options.Jobs} jobs{traits}";
    }

    internal static string Verdict(RunReport r) =>
        $"{Path.GetFileName(r.Plugin)} ({PluginRoles.Name(r.Role)}): {Count(r.Results.Count, "check")}, {r.Passed} passed ({r.Warnings} with warnings), " +
        $"{r.Failed} failed, {(r.Errors > 0 ? $"{Count(r.Errors, "error")}, " : "")}{(r.Flaky > 0 ? $"{r.Flaky} flaky, " : "")}{r.Skipped} skipped in {r.Duration.TotalSeconds:0.0} s";

    /// <summary>
    /// The line on stderr after a run with errors: they are no verdict, and the exit code says so (2 unless a check failed).
    /// </summary>
    internal static string? ErrorLine(RunReport r)
    {
        var errored = r.Results.Where(x => x.Outcome == CheckOutcome.Error).ToList();
        if (errored.Count == 0)
        {
            return null;
        }

        var bugs = errored.Count(x => !SuiteRunner.IsHarnessProblem(x));
        var why = bugs == errored.Count ? "an internal error in cnitest (please report it)"
            : bugs == 0 ? "a harness problem (a helper command or the environment failed)"
            : $"an internal error in cnitest ({bugs}) or a harness problem ({errored.Count - bugs})";
        return $"error: {Count(errored.Count, "check")} did not run to the end, because of {why}: " +
               $"{string.Join(", ", errored.Take(5).Select(x => x.Label))}{(errored.Count > 5 ? ", …" : "")}; " +
               $"this run is no verdict on those checks ({(r.Failed > 0 ? "exit 1: a check failed" : "exit 2")})";
    }

    internal static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    internal static string Label(CheckResult r) => r.Label;

    internal static string Status(CheckResult r) => r.Outcome switch
    {
        CheckOutcome.Failed => "FAIL",
        CheckOutcome.Skipped => "SKIP",
        CheckOutcome.Error => "ERR!",
        _ => r.IsFlaky ? "FLKY" : r.IsWarning ? "WARN" : "PASS",
    };
}
