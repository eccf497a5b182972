using System.CommandLine;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;

namespace CniTest.Cli.Commands.Run;

/// <summary>
/// The options of <c>cnitest run</c> for pipelines (issue 13): TAP output, reruns and flakiness, sharding, the empty
/// selection, and (under <c>GITHUB_ACTIONS=true</c>) annotations and the step summary.
/// </summary>
internal sealed class CiOptions
{
    private readonly Option<string?> _tap = new("--tap") { Description = "Write the results as TAP version 14 to this file" };

    private readonly Option<int> _retries = new("--retries")
    {
        Description = "Rerun a failed check up to N times, each in a fresh fake host; one that passes on a rerun is reported as flaky, not passed",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<bool> _failOnFlaky = new("--fail-on-flaky") { Description = "Exit 1 when a check was flaky (default: exit 0 with a warning)" };

    private readonly Option<string?> _shard = new("--shard")
    {
        Description = "Run part K of N of the planned checks (e.g. 2/3): a deterministic, weight-balanced split that is the same on every " +
                      "machine for the same plugin and options; cnitest report merge joins the parts' --report files",
    };

    private readonly Option<bool> _failOnEmpty = new("--fail-on-empty")
    {
        Description = "A --filter that selects no check is a usage error, exit 2 (the default); --fail-on-empty false runs nothing and exits 0",
        DefaultValueFactory = _ => true,
    };

    public void AddTo(Command command)
    {
        _retries.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--retries must be 0 or more");
            }
        });
        _shard.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } text && ShardSpec.Parse(text, out var error) is null)
            {
                r.AddError(error!);
            }
        });
        command.Options.Add(_tap);
        command.Options.Add(_retries);
        command.Options.Add(_failOnFlaky);
        command.Options.Add(_shard);
        command.Options.Add(_failOnEmpty);
    }

    public RunOptions Apply(ParseResult parse, RunOptions options) => options with
    {
        Retries = parse.GetValue(_retries),
        Shard = parse.GetValue(_shard) is { } text ? ShardSpec.Parse(text, out _) : null,
        FailOnEmpty = parse.GetValue(_failOnEmpty),
    };

    public CiOutputs Outputs(CliContext ctx, ParseResult parse) => new(
        parse.GetValue(_tap) is { } tap ? ctx.FullPath(tap) : null,
        parse.GetValue(_failOnFlaky));
}

/// <summary>What to write after a run, and its exit code.</summary>
/// <param name="TapPath">--tap, or null.</param>
/// <param name="FailOnFlaky">--fail-on-flaky.</param>
internal sealed record CiOutputs(string? TapPath, bool FailOnFlaky)
{
    /// <summary>Writes the TAP file and the GitHub Actions output, and decides the exit code.</summary>
    public int Finish(CliContext ctx, RunReport report)
    {
        if (TapPath is not null)
        {
            TapReportWriter.Write(report, TapPath);
        }

        WriteGitHub(ctx, report);
        if (report.Flaky > 0)
        {
            ctx.Error.WriteLine($"cnitest: warning: {report.Flaky} flaky check(s) passed only on a rerun: " +
                                string.Join(", ", report.Results.Where(r => r.IsFlaky).Select(r => r.Label)) +
                                (FailOnFlaky ? " (--fail-on-flaky: exit 1)" : ""));
        }

        return ExitCode(report, FailOnFlaky, ctx.Error);
    }

    /// <summary>
    /// The exit code of a finished run or merge: 1 when a check failed (a verdict on the plugin comes first), else 2
    /// when a check errored (the run could not judge it: never a pass), else 1 for flaky checks under
    /// <c>--fail-on-flaky</c>, else 0. Errors are also said on stderr, in one line.
    /// </summary>
    public static int ExitCode(RunReport report, bool failOnFlaky, TextWriter error)
    {
        if (RunPrinter.ErrorLine(report) is { } line)
        {
            error.WriteLine($"cnitest: {line}");
        }

        return report.Failed > 0 ? ExitCodes.Failure
            : report.Errors > 0 ? ExitCodes.UsageOrEnvironment
            : failOnFlaky && report.Flaky > 0 ? ExitCodes.Failure
            : ExitCodes.Success;
    }

    /// <summary>Under GITHUB_ACTIONS=true: annotations on stdout (the runner reads workflow commands there) and the step summary.</summary>
    public static void WriteGitHub(CliContext ctx, RunReport report)
    {
        if (ctx.Env("GITHUB_ACTIONS") != "true")
        {
            return;
        }

        foreach (var line in GitHubActionsReporter.Annotations(report))
        {
            ctx.Out.WriteLine(line);
        }

        if (ctx.Env("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
        {
            File.AppendAllText(ctx.FullPath(summary), GitHubActionsReporter.StepSummary(report) + "\n");
        }
    }
}
