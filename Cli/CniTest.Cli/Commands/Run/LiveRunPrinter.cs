using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;
using Spectre.Console;

namespace CniTest.Cli.Commands.Run;

/// <summary>Live progress while the checks run, then a summary table and the failures in panels (Spectre.Console).</summary>
internal sealed class LiveRunPrinter(CliContext ctx) : RunPrinter
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(ctx.Out) });

    public override async Task<RunReport> RunAsync(Func<IRunObserver, Task<RunReport>> run)
    {
        RunReport? report = null;
        await _console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var observer = new Observer(progress, _console);
                report = await run(observer);
            });
        return report!;
    }

    public override void Summary(RunReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(Path.GetFileName(report.Plugin)) + " as " + PluginRoles.Name(report.Role));
        table.AddColumn(new TableColumn("check").NoWrap());
        table.AddColumn(new TableColumn("version").NoWrap());
        table.AddColumn(new TableColumn("rule").NoWrap());
        table.AddColumn(new TableColumn("outcome").NoWrap());
        table.AddColumn(new TableColumn("ms").RightAligned().NoWrap());
        // Output-contract rules that every call kept are one row; the others are listed like checks.
        var cleanContract = report.Results.Where(r => r.Id.StartsWith("contract.", StringComparison.Ordinal) && r.Outcome == CheckOutcome.Passed && !r.IsWarning).ToList();
        foreach (var r in report.Results.Except(cleanContract))
        {
            table.AddRow(Markup.Escape(r.Id), r.CniVersion ?? "", r.Rule ?? "", Colored(r), $"{r.Duration.TotalMilliseconds:0}");
        }

        if (cleanContract.Count > 0)
        {
            table.AddRow($"contract.* ({cleanContract.Count} more output rules)", "", "", "[green]passed[/]", "");
        }

        _console.Write(table);
        foreach (var r in report.Results.Where(r => r.Outcome == CheckOutcome.Failed))
        {
            // Written raw, not in a panel: the replay lines must survive copy and paste unwrapped.
            _console.Write(new Rule($"[red]FAIL[/] {Markup.Escape(Label(r))}").LeftJustified());
            ctx.Out.Write(FailureText.For(r));
            ctx.Out.Flush();
        }

        foreach (var r in report.Results.Where(r => r.Outcome == CheckOutcome.Error))
        {
            _console.MarkupLine($"[red bold]error[/] {Markup.Escape(Label(r))}: {Markup.Escape(r.Message ?? "")}");
        }

        foreach (var r in report.Results.Where(r => r.IsWarning))
        {
            _console.MarkupLine($"[yellow]warning[/] {Markup.Escape(Label(r))} ({Markup.Escape(r.Rule ?? "")}): {Markup.Escape((r.Message ?? "").Split('\n')[0])}");
        }

        var color = report.Failed + report.Errors > 0 ? "red" : "green";
        _console.MarkupLine($"[bold {color}]{report.Verdict}[/]: {Markup.Escape(Verdict(report))}");
    }

    private static string Colored(CheckResult r) => r.Outcome switch
    {
        CheckOutcome.Failed => "[red]failed[/]",
        CheckOutcome.Skipped => "[grey]skipped[/]",
        CheckOutcome.Error => "[red bold]error[/]",
        _ => r.IsFlaky ? "[yellow]flaky (passed on a rerun)[/]" : r.IsWarning ? "[yellow]passed (warning)[/]" : "[green]passed[/]",
    };

    private sealed class Observer(ProgressContext progress, IAnsiConsole console) : IRunObserver
    {
        private readonly Lock _lock = new();
        private ProgressTask? _task;
        private int _failed;
        private string _plugin = "";

        public void Planned(RunPlan plan, IReadOnlyList<PlannedCheck> checks)
        {
            lock (_lock)
            {
                console.MarkupLine($"[bold]cnitest run[/] {Markup.Escape(Headline(plan, checks))}");
                _plugin = Path.GetFileName(plan.PluginPath);
                _task = progress.AddTask(Markup.Escape(_plugin), maxValue: Math.Max(1, checks.Count));
            }
        }

        public void Started(PlannedCheck check)
        {
            lock (_lock)
            {
                _task?.Description($"{Markup.Escape(_plugin)}: {Markup.Escape(check.Label)}");
            }
        }

        public void Finished(CheckResult result)
        {
            lock (_lock)
            {
                if (result.Outcome == CheckOutcome.Failed)
                {
                    _failed++;
                    console.MarkupLine($"[red]FAIL[/] {Markup.Escape(Label(result))} ({Markup.Escape(result.Rule ?? "")}): {Markup.Escape((result.Message ?? "").Split('\n')[0])}");
                }
                else if (result.Outcome == CheckOutcome.Error)
                {
                    console.MarkupLine($"[red bold]ERROR[/] {Markup.Escape(Label(result))}: {Markup.Escape((result.Message ?? "").Split('\n')[0])}");
                }

                if (!result.Id.StartsWith("contract.", StringComparison.Ordinal))
                {
                    _task?.Increment(1);
                }
            }
        }
    }
}
