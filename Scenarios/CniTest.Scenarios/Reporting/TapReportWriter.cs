using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Reporting;

/// <summary>
/// The <c>--tap</c> file, TAP version 14 (testanything.org/tap-version-14-specification): the version line, the plan,
/// one test point per check (numbered in report order, described by its id and version), <c># SKIP</c> with the
/// reason, and a YAML diagnostics block (message, rule, severity, and for flaky checks the failed attempts) under every
/// point that is not a plain pass. A flaky check is <c>ok</c> (it passed) with <c>flaky: true</c> in its block. A check
/// that did not run to its end is <c>not ok</c> with <c>outcome: error</c> and the description suffix "(error)": TAP has no
/// third state, and an <c>ok</c> or a <c># SKIP</c> would let the run pass; not <c>Bail out!</c>, since the other checks
/// did run and their points follow.
/// </summary>
public static class TapReportWriter
{
    public static string ToTap(RunReport report)
    {
        var sb = new StringBuilder();
        sb.Append("TAP version 14\n");
        sb.Append(CultureInfo.InvariantCulture, $"1..{report.Results.Count}\n");
        var n = 0;
        foreach (var r in report.Results)
        {
            n++;
            var ok = r.Outcome is CheckOutcome.Failed or CheckOutcome.Error ? "not ok" : "ok";
            var description = Escape(r.Label);
            switch (r.Outcome)
            {
                case CheckOutcome.Skipped:
                    sb.Append(CultureInfo.InvariantCulture, $"{ok} {n} - {description} # SKIP {Escape(OneLine(r.Message ?? "skipped"))}\n");
                    break;
                default:
                    sb.Append(CultureInfo.InvariantCulture, $"{ok} {n} - {description}{(r.IsFlaky ? " (flaky)" : r.Outcome == CheckOutcome.Error ? " (error)" : "")}\n");
                    break;
            }

            if (r.Outcome is CheckOutcome.Failed or CheckOutcome.Error || r.IsWarning || r.IsFlaky)
            {
                Diagnostics(sb, r);
            }
        }

        var summary = $"# {report.Passed} passed, {report.Failed} failed, {report.Skipped} skipped, {report.Warnings} with warnings, {report.Flaky} flaky, {report.Errors} errors";
        sb.Append(summary).Append('\n');
        return sb.ToString();
    }

    public static void Write(RunReport report, string path) => File.WriteAllText(path, ToTap(report), new UTF8Encoding(false));

    /// <summary>The YAML block: indented two spaces past the test point, between <c>---</c> and <c>...</c>.</summary>
    private static void Diagnostics(StringBuilder sb, CheckResult r)
    {
        sb.Append("  ---\n");
        sb.Append(CultureInfo.InvariantCulture, $"  id: {Yaml(r.Id)}\n");
        if (r.CniVersion is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  cniVersion: {Yaml(r.CniVersion)}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  rule: {Yaml(r.Rule ?? "")}\n");
        if (r.Level is { } level)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  severity: {ProfilePolicy.LevelName(level)}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"  outcome: {JsonReportWriter.OutcomeName(r)}{(r.IsWarning ? " (warning)" : "")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  message: {Yaml(r.Message ?? "")}\n");
        if (r.FailedAttempts.Count > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  flaky: {(r.IsFlaky ? "true" : "false")}\n");
            sb.Append("  failedAttempts:\n");
            foreach (var a in r.FailedAttempts)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    - rule: {Yaml(a.Rule ?? "")}\n");
                sb.Append(CultureInfo.InvariantCulture, $"      message: {Yaml(a.Message ?? "")}\n");
            }
        }

        sb.Append("  ...\n");
    }

    /// <summary>A YAML double-quoted scalar (JSON string syntax is valid YAML): any text, on one line.</summary>
    private static string Yaml(string text) => JsonValue.Create(text).ToJsonString();

    /// <summary>TAP 14: <c>#</c> and <c>\</c> in a description are escaped with a backslash.</summary>
    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("#", "\\#");

    private static string OneLine(string text) => text.Split('\n')[0].Replace("\r", "");
}
