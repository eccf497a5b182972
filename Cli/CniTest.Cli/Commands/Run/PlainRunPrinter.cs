using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;

namespace CniTest.Cli.Commands.Run;

/// <summary>One line per check as it finishes, then the failures in full: for CI logs and pipes.</summary>
internal sealed class PlainRunPrinter(TextWriter output) : RunPrinter, IRunObserver
{
    private readonly Lock _lock = new();

    public override Task<RunReport> RunAsync(Func<IRunObserver, Task<RunReport>> run) => run(this);

    public void Planned(RunPlan plan, IReadOnlyList<PlannedCheck> checks)
    {
        lock (_lock)
        {
            output.WriteLine($"cnitest run: {Headline(plan, checks)}");
        }
    }

    public void Started(PlannedCheck check)
    {
    }

    public void Finished(CheckResult r)
    {
        var detail = r.Outcome == CheckOutcome.Passed && !r.IsWarning ? "" : "  " + FirstLine(r.Message);
        lock (_lock)
        {
            output.WriteLine($"{Status(r)}  {Label(r),-44} {r.Rule,-4} {r.Duration.TotalMilliseconds,6:0} ms{detail}");
        }
    }

    public override void Summary(RunReport report)
    {
        var failed = report.Results.Where(r => r.Outcome == CheckOutcome.Failed).ToList();
        if (failed.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Failures:");
            foreach (var r in failed)
            {
                output.WriteLine($"FAIL {Label(r)}");
                output.Write(FailureText.For(r));
            }
        }

        var errored = report.Results.Where(r => r.Outcome == CheckOutcome.Error).ToList();
        if (errored.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Errors (the check did not run to its end; not a verdict on the plugin, and not a pass):");
            foreach (var r in errored)
            {
                output.WriteLine($"ERR! {Label(r)}: {r.Message}");
            }
        }

        var warnings = report.Results.Where(r => r.IsWarning).ToList();
        if (warnings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Warnings (not failures under this profile; --strict makes them failures):");
            foreach (var r in warnings)
            {
                output.WriteLine($"WARN {Label(r)} ({r.Rule}): {FirstLine(r.Message)}");
            }
        }

        var flaky = report.Results.Where(r => r.IsFlaky).ToList();
        if (flaky.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Flaky (failed, then passed on a rerun; --fail-on-flaky makes them fail the run):");
            foreach (var r in flaky)
            {
                output.WriteLine($"FLKY {Label(r)}: passed on attempt {r.FailedAttempts.Count + 1}; first failure ({r.FailedAttempts[0].Rule}): {FirstLine(r.FailedAttempts[0].Message)}");
            }
        }

        output.WriteLine();
        output.WriteLine($"{report.Verdict}: {Verdict(report)}");
    }

    private static string FirstLine(string? text) => (text ?? "").Split('\n')[0];
}
