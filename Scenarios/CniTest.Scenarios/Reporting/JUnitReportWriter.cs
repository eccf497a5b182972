using System.Globalization;
using System.Xml.Linq;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Reporting;

/// <summary>
/// The <c>--junit</c> XML, in the JUnit dialect GitHub and GitLab render: one test suite per run, one test case
/// per check (per version), a failure element with the rule and the full account, skipped with the reason, an
/// error element for a check that did not run to its end (cnitest's own bug or a harness problem: JUnit's "errored",
/// not a failure of the plugin and never a skip), warnings in system-out. Each test case carries properties (check id, version, rule, level, and the rule's spec
/// section and title from the catalogue), and with <c>--retries</c> the Surefire rerun elements: a flaky check (passed
/// on a rerun) has no failure but one <c>flakyFailure</c> per failed attempt; a check that failed every attempt has
/// its <c>failure</c> and one <c>rerunFailure</c> per earlier attempt (tests/…/Reporting/junit.xsd is the shape).
/// </summary>
public static class JUnitReportWriter
{
    public static XDocument ToXml(RunReport report)
    {
        var suiteName = $"cnitest run {Path.GetFileName(report.Plugin)} ({PluginRoles.Name(report.Role)})";
        var cases = report.Results.Select(Case).ToList();
        var seconds = Seconds(report.Duration);
        var suite = new XElement("testsuite",
            new XAttribute("name", suiteName),
            new XAttribute("tests", report.Results.Count),
            new XAttribute("failures", report.Failed),
            new XAttribute("errors", report.Errors),
            new XAttribute("skipped", report.Skipped),
            new XAttribute("time", seconds),
            new XAttribute("timestamp", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            new XElement("properties",
                Property("plugin", report.Plugin),
                Property("role", PluginRoles.Name(report.Role)),
                Property("versions", string.Join(",", report.Versions)),
                Property("profile", report.Policy.Profile == RunProfile.Spec ? "spec" : "runtime"),
                Property("strict", report.Policy.Strict ? "true" : "false"),
                Property("runtime", report.Runtime)),
            cases);
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "cnitest"),
                new XAttribute("tests", report.Results.Count),
                new XAttribute("failures", report.Failed),
                new XAttribute("errors", report.Errors),
                new XAttribute("skipped", report.Skipped),
                new XAttribute("time", seconds),
                suite));
    }

    public static void Write(RunReport report, string path)
    {
        // UTF-8 without a byte-order mark: some CI report parsers reject a BOM before the XML declaration.
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        ToXml(report).Save(writer);
    }

    private static XElement Case(CheckResult r)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", "cnitest." + r.Id.Split('.')[0]),
            new XAttribute("name", r.CniVersion is null ? r.Id : $"{r.Id} [{r.CniVersion}]"),
            new XAttribute("time", Seconds(r.Duration)),
            CaseProperties(r));
        switch (r.Outcome)
        {
            case CheckOutcome.Failed:
                element.Add(new XElement("failure",
                    new XAttribute("message", $"{r.Rule}: {FirstLine(r.Message)}"),
                    new XAttribute("type", r.Rule ?? "failure"),
                    Clean(FailureText.For(r))));
                element.Add(r.FailedAttempts.Select(a => Attempt("rerunFailure", a)));
                break;
            case CheckOutcome.Skipped:
                element.Add(new XElement("skipped", new XAttribute("message", Clean(r.Message ?? "skipped"))));
                break;
            case CheckOutcome.Error:
                element.Add(new XElement("error",
                    new XAttribute("message", FirstLine(r.Message)),
                    new XAttribute("type", ErrorType(r)),
                    Clean(FailureText.For(r))));
                break;
            default:
                element.Add(r.FailedAttempts.Select(a => Attempt("flakyFailure", a)));
                if (r.IsWarning || r.Message is not null)
                {
                    element.Add(new XElement("system-out", Clean((r.IsWarning ? "warning: " + FailureText.For(r) : r.Message)!)));
                }

                break;
        }

        return element;
    }

    /// <summary>What a CI's test view shows next to a case: which check, at which version, under which rule and level.</summary>
    private static XElement CaseProperties(CheckResult r)
    {
        var properties = new XElement("properties", Property("check.id", r.Id));
        if (r.CniVersion is not null)
        {
            properties.Add(Property("cniVersion", r.CniVersion));
        }

        if (r.Rule is not null)
        {
            properties.Add(Property("rule", r.Rule));
        }

        if (r.Level is { } level)
        {
            properties.Add(Property("level", ProfilePolicy.LevelName(level)));
        }

        if (r.Rule is not null && Harness.Rules.RuleCatalog.Default.Find(r.Rule) is { } rule)
        {
            properties.Add(Property("spec.section", Clean(rule.Section)), Property("rule.title", Clean(rule.Title)));
        }

        if (r.FailedAttempts.Count > 0)
        {
            properties.Add(Property("attempts", (r.FailedAttempts.Count + 1).ToString(CultureInfo.InvariantCulture)));
        }

        return properties;
    }

    /// <summary>A failed attempt before the verdict, as Surefire writes reruns: message, type and the full account.</summary>
    private static XElement Attempt(string name, CheckResult attempt) => new(name,
        new XAttribute("message", $"{attempt.Rule}: {FirstLine(attempt.Message)}"),
        new XAttribute("type", attempt.Rule ?? "failure"),
        new XElement("stackTrace", Clean(FailureText.For(attempt))));

    /// <summary>The error element's type: which side failed, so a CI's test view tells a cnitest bug from a harness problem.</summary>
    private static string ErrorType(CheckResult r) =>
        Engine.SuiteRunner.IsHarnessProblem(r) ? "harness-problem" : "internal-error";

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string FirstLine(string? text) => Clean((text ?? "").Split('\n')[0]);

    /// <summary>XML 1.0 cannot hold most control characters; a plugin's stdout may contain any byte.</summary>
    internal static string Clean(string text) =>
        new([.. text.Where(c => c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF && !char.IsSurrogate(c)))]);
}
