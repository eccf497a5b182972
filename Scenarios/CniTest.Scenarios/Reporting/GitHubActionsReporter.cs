using System.Globalization;
using System.Text;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Reporting;

/// <summary>
/// Output for GitHub Actions (<c>GITHUB_ACTIONS=true</c>): each failure and each check that errored (did not run to its
/// end) becomes an <c>::error</c> workflow command and each warning or flaky check a <c>::warning</c>, shown as
/// annotations on the run and the pull request; and a Markdown table for <c>$GITHUB_STEP_SUMMARY</c>.
/// </summary>
public static class GitHubActionsReporter
{
    /// <summary>
    /// Annotations GitHub shows per level and step: "10 warning annotations, 10 error annotations, and 10 notice
    /// annotations per step" and 50 per job (actions/toolkit docs/problem-matchers.md, "Limitations"); the rest are
    /// dropped without a word, so cnitest stops at the cap and says how many it left out.
    /// </summary>
    public const int AnnotationsPerLevel = 10;

    /// <summary>The workflow commands for a report, at most <see cref="AnnotationsPerLevel"/> per level, then one line on what was left out.</summary>
    public static IReadOnlyList<string> Annotations(RunReport report)
    {
        var errors = report.Results.Where(r => r.Outcome is CheckOutcome.Failed or CheckOutcome.Error).ToList();
        var warnings = report.Results.Where(r => r.IsWarning || r.IsFlaky).ToList();
        var lines = new List<string>();
        lines.AddRange(errors.Take(AnnotationsPerLevel).Select(r => Command("error", r)));
        lines.AddRange(warnings.Take(AnnotationsPerLevel).Select(r => Command("warning", r)));
        var leftErrors = Math.Max(0, errors.Count - AnnotationsPerLevel);
        var leftWarnings = Math.Max(0, warnings.Count - AnnotationsPerLevel);
        if (leftErrors + leftWarnings > 0)
        {
            lines.Add($"cnitest: {leftErrors} more failure(s) and {leftWarnings} more warning(s) not annotated (GitHub shows " +
                      $"{AnnotationsPerLevel} of each per step); all are in the log above and in the step summary");
        }

        return lines;
    }

    /// <summary>The step summary: the verdict and a table of every check that did not simply pass.</summary>
    public static string StepSummary(RunReport report)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"### cnitest {report.Verdict}: `{Cell(Path.GetFileName(report.Plugin))}` ({PluginRoles.Name(report.Role)})");
        sb.Append(report.Shard is { } shard ? $", shard {shard}\n\n" : "\n\n");
        sb.Append("| passed | failed | errors | flaky | warnings | skipped | duration |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        sb.Append(CultureInfo.InvariantCulture,
            $"| {report.Passed} | {report.Failed} | {report.Errors} | {report.Flaky} | {report.Warnings} | {report.Skipped} | {report.Duration.TotalSeconds:0.0} s |\n");
        var notable = report.Results.Where(r => r.Outcome is CheckOutcome.Failed or CheckOutcome.Error || r.IsFlaky || r.IsWarning).ToList();
        if (notable.Count > 0)
        {
            sb.Append("\n| status | check | rule | level | message |\n|---|---|---|---|---|\n");
            foreach (var r in notable)
            {
                var status = r.Outcome switch
                {
                    CheckOutcome.Failed => "❌ failed",
                    CheckOutcome.Error => "❗ error",
                    _ => r.IsFlaky ? "⚠️ flaky" : "⚠️ warning",
                };
                var level = r.Level is { } l ? ProfilePolicy.LevelName(l) : "";
                sb.Append(CultureInfo.InvariantCulture, $"| {status} | `{Cell(r.Label)}` | {Cell(r.Rule ?? "")} | {level} | {Cell(FirstLine(r.Message))} |\n");
            }
        }

        return sb.ToString();
    }

    private static string Command(string level, CheckResult r)
    {
        var title = $"cnitest {r.Label}{(r.Rule is null ? "" : $" ({r.Rule})")}{(r.IsFlaky ? " flaky" : r.Outcome == CheckOutcome.Error ? " error" : "")}";
        var message = r.IsFlaky
            ? $"passed only on attempt {r.FailedAttempts.Count + 1}; it failed first with: {r.FailedAttempts[0].Message}"
            : r.Message ?? r.Title;
        return $"::{level} title={EscapeProperty(title)}::{EscapeData(message)}";
    }

    /// <summary>Workflow command data: <c>%</c>, CR and LF are percent-encoded (actions/toolkit's escapeData).</summary>
    public static string EscapeData(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>Workflow command property values: as data, and <c>:</c> and <c>,</c> too, which end a property (escapeProperty).</summary>
    public static string EscapeProperty(string text) => EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");

    /// <summary>A Markdown table cell: one line, pipes escaped.</summary>
    private static string Cell(string text) => text.Replace("\r", "").Replace("\n", " ").Replace("|", "\\|").Replace("`", "'");

    private static string FirstLine(string? text)
    {
        var line = (text ?? "").Split('\n')[0];
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
