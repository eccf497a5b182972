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
        Section(report.Results.Where(r => r.Outcome == CheckOutcome.Failed), "Failures:",
            r => $"FAIL {Label(r)}\n{FailureText.For(r)}".TrimEnd('\n'));
        Section(report.Results.Where(r => r.Outcome == CheckOutcome.Error),
            "Errors (the check did not run to its end; not a verdict on the plugin, and not a pass):",
            r => $"ERR! {Label(r)}: {r.Message}");
        Section(report.Results.Where(r => r.IsWarning), "Warnings (not failures under this profile; --strict makes them failures):",
            r => $"WARN {Label(r)} ({r.Rule}): {FirstLine(r.Message)}");
        Section(report.Results.Where(r => r.IsFlaky), "Flaky (failed, then passed on a rerun; --fail-on-flaky makes them fail the run):",
            r => $"FLKY {Label(r)}: passed on attempt {r.FailedAttempts.Count + 1}; first failure ({r.FailedAttempts[0].Rule}): {FirstLine(r.FailedAttempts[0].Message)}");

        output.WriteLine();
        output.WriteLine($"{report.Verdict}: {Verdict(report)}");
    }

    /// <summary>A blank line, the heading and one entry per check, when there is any.</summary>
    private void Section(IEnumerable<CheckResult> results, string heading, Func<CheckResult, string> entry)
    {
        var list = results.ToList();
        if (list.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(heading);
        foreach (var r in list)
        {
            output.WriteLine(entry(r));
        }
    }

    private static string FirstLine(string? text) => (text ?? "").Split('\n')[0];
}
