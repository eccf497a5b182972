using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Reporting;

/// <summary>The CI outputs of issue 13 on reports built in memory: JUnit against a strict schema, TAP 14, GitHub Actions.</summary>
public sealed class CiFormatTests
{
    /// <summary>One of everything: a pass, a failure whose reruns failed too, a flaky pass, a skip and a warning.</summary>
    private static RunReport Sample()
    {
        var firstTry = Builders.Result("add.ifname", CheckOutcome.Failed, message: "first attempt: no interface\nsecond line", invocations: [Builders.Record("ADD", exit: 1)]);
        return Builders.Report(
            Builders.Result("version.reply"),
            Builders.Result("del.twice", CheckOutcome.Failed, message: "second DEL failed # with a hash", invocations: [Builders.Record("DEL", exit: 1)])
                with { FailedAttempts = [Builders.Result("del.twice", CheckOutcome.Failed, message: "attempt 1 failed too")] },
            Builders.Result("add.ifname") with { FailedAttempts = [firstTry, firstTry] },
            Builders.Result("gc.removes-stale", CheckOutcome.Skipped, message: "the plugin does not advertise 1.1.0"),
            Builders.Result("check.address-removed", warning: true, message: "SHOULD: \u0001odd bytes"));
    }

    [Fact]
    public void JUnit_SampleWithRerunsAndFlaky_ValidatesAgainstTheStrictSchema()
    {
        // Arrange
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Reporting", "junit.xsd"));
        var errors = new List<string>();

        // Act
        var document = XDocument.Parse(JUnitReportWriter.ToXml(Sample()).ToString());
        document.Validate(schemas, (_, e) => errors.Add(e.Message));

        // Assert
        errors.Should().BeEmpty();
        var cases = document.Descendants("testcase").ToList();
        cases.Single(c => c.Attribute("name")!.Value.StartsWith("add.ifname")).Elements("flakyFailure").Should().HaveCount(2);
        cases.Single(c => c.Attribute("name")!.Value.StartsWith("add.ifname")).Element("failure").Should().BeNull();
        var failed = cases.Single(c => c.Attribute("name")!.Value.StartsWith("del.twice"));
        failed.Element("failure").Should().NotBeNull();
        failed.Elements("rerunFailure").Should().ContainSingle().Which.Element("stackTrace")!.Value.Should().Contain("attempt 1 failed too");
        var properties = failed.Element("properties")!.Elements("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);
        properties.Should().Contain("check.id", "del.twice").And.Contain("rule", "P26").And.Contain("level", "must").And.ContainKey("spec.section");
    }

    [Fact]
    public void JUnit_StrictSchema_RejectsAnUnknownElement()
    {
        // Arrange: the schema must be able to fail, or the test above proves nothing.
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Reporting", "junit.xsd"));
        var document = XDocument.Parse(JUnitReportWriter.ToXml(Sample()).ToString());
        document.Descendants("testcase").First().Add(new XElement("flaky"));

        // Act
        var act = () => document.Validate(schemas, null);

        // Assert
        act.Should().Throw<XmlSchemaValidationException>();
    }

    [Fact]
    public void Tap_Sample_PassesTheTap14Parser()
    {
        // Act
        var tap = TapParser.Parse(TapReportWriter.ToTap(Sample()));

        // Assert
        tap.Planned.Should().Be(5);
        tap.Points.Select(p => p.Ok).Should().Equal(true, false, true, true, true);
        tap.Points[1].Description.Should().Be("del.twice [1.0.0]");
        tap.Points[1].Yaml.Should().Contain("rule: \"P26\"").And.Contain(l => l.StartsWith("message: ") && l.Contains("with a hash"));
        tap.Points[2].Yaml.Should().Contain("flaky: true");
        tap.Points[2].Description.Should().Contain("flaky");
        tap.Points[3].Directive.Should().Be("SKIP");
        tap.Points[3].Reason.Should().Be("the plugin does not advertise 1.1.0");
        tap.Points[0].Yaml.Should().BeEmpty();
    }

    [Fact]
    public void TapParser_BrokenDocuments_AreRejected()
    {
        // The parser must be able to fail: a wrong count, a point out of order, a bare '#'.
        FluentActions.Invoking(() => TapParser.Parse("TAP version 14\n1..2\nok 1 - a\n")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => TapParser.Parse("TAP version 14\n1..2\nok 2 - a\nok 1 - b\n")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => TapParser.Parse("TAP version 14\n1..1\nok 1 - a # b\n")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => TapParser.Parse("TAP version 13\n1..0\n")).Should().Throw<FormatException>();
    }

    [Fact]
    public void GitHub_MoreFailuresThanTheCap_AnnotatesTenOfEachAndCountsTheRest()
    {
        // Arrange: 13 failures and 12 warnings (GitHub shows 10 of each per step).
        var results = Enumerable.Range(1, 13).Select(i => Builders.Result($"fail.{i:00}", CheckOutcome.Failed, message: $"failure {i}\nline two: 100%, done"))
            .Concat(Enumerable.Range(1, 12).Select(i => Builders.Result($"warn.{i:00}", warning: true, message: $"warning {i}")))
            .ToArray();

        // Act
        var lines = GitHubActionsReporter.Annotations(Builders.Report(results));

        // Assert
        lines.Count(l => l.StartsWith("::error ")).Should().Be(10);
        lines.Count(l => l.StartsWith("::warning ")).Should().Be(10);
        lines[0].Should().Be("::error title=cnitest fail.01 [1.0.0] (P26)::failure 1%0Aline two: 100%25, done");
        lines.Should().NotContain(l => l.Contains("fail.11") || l.Contains("warn.11"));
        lines[^1].Should().Be("cnitest: 3 more failure(s) and 2 more warning(s) not annotated (GitHub shows 10 of each per step); all are in the log above and in the step summary");
        lines.Should().HaveCount(21);
    }

    [Fact]
    public void GitHub_PropertyEscaping_EncodesColonCommaAndNewlines()
    {
        GitHubActionsReporter.EscapeProperty("a: b, c%\r\n").Should().Be("a%3A b%2C c%25%0D%0A");
        GitHubActionsReporter.EscapeData("a: b, c%\r\n").Should().Be("a: b, c%25%0D%0A");
    }

    [Fact]
    public void GitHub_StepSummary_ListsEveryCheckThatDidNotSimplyPass()
    {
        // Act
        var summary = GitHubActionsReporter.StepSummary(Sample());

        // Assert
        summary.Should().StartWith("### cnitest FAILED: `bridge` (interface)");
        summary.Should().Contain("| 2 | 1 | 0 | 1 | 1 | 1 |");
        summary.Should().Contain("| ❌ failed | `del.twice [1.0.0]` | P26 | must | second DEL failed # with a hash |");
        summary.Should().Contain("⚠️ flaky | `add.ifname [1.0.0]`");
        summary.Should().NotContain("version.reply");
    }

    /// <summary>A pass and a check that threw: no failure, one error.</summary>
    private static RunReport WithError() => Builders.Report(
        Builders.Result("version.reply"),
        Builders.Result("del.twice", CheckOutcome.Error, message: "internal error in cnitest (NullReferenceException: x in Foo.Bar); please report it"));

    [Fact]
    public void Error_EveryFormat_ShowsItAsAnErrorNotASkipOrAPass()
    {
        // Arrange
        var report = WithError();
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Reporting", "junit.xsd"));

        // Act
        var junit = XDocument.Parse(JUnitReportWriter.ToXml(report).ToString());
        var tap = TapParser.Parse(TapReportWriter.ToTap(report));
        var json = JsonReportWriter.ToJson(report);
        var annotations = GitHubActionsReporter.Annotations(report);
        var summary = GitHubActionsReporter.StepSummary(report);

        // Assert
        report.Verdict.Should().Be("ERROR");
        junit.Validate(schemas, (_, e) => throw new XmlSchemaValidationException(e.Message));
        junit.Root!.Attribute("errors")!.Value.Should().Be("1");
        junit.Descendants("testcase").Last().Element("error")!.Attribute("message")!.Value.Should().StartWith("internal error in cnitest");
        tap.Points.Select(p => p.Ok).Should().Equal(true, false);
        tap.Points[1].Description.Should().Be("del.twice [1.0.0] (error)");
        tap.Points[1].Yaml.Should().Contain("outcome: error");
        ((string?)json["results"]![1]!["outcome"]).Should().Be("error");
        ((int)json["summary"]!["errors"]!).Should().Be(1);
        annotations.Should().ContainSingle().Which.Should().StartWith("::error title=cnitest del.twice [1.0.0] (P26) error::internal error");
        summary.Should().StartWith("### cnitest ERROR:").And.Contain("| 1 | 0 | 1 | 0 | 0 | 0 |").And.Contain("| ❗ error | `del.twice [1.0.0]`");
    }

    [Fact]
    public void Error_ReadBackFromJson_StaysAnErrorForReportMerge()
    {
        // Act
        var read = JsonReportReader.Parse(JsonReportWriter.ToJson(WithError()));

        // Assert
        read.Results[1].Outcome.Should().Be(CheckOutcome.Error);
        read.Errors.Should().Be(1);
    }

    [Theory]
    [InlineData(0, 0, 0, false, 0)]
    [InlineData(0, 1, 0, false, 2)]
    [InlineData(1, 1, 0, false, 1)]
    [InlineData(0, 1, 1, true, 2)]
    [InlineData(0, 0, 1, true, 1)]
    [InlineData(0, 0, 1, false, 0)]
    public void ExitCode_FailuresFirstThenErrorsThenFlaky(int failed, int errors, int flaky, bool failOnFlaky, int expected)
    {
        // Arrange
        var flakyResult = Builders.Result("add.ifname") with { FailedAttempts = [Builders.Result("add.ifname", CheckOutcome.Failed)] };
        var report = Builders.Report([
            Builders.Result("version.reply"),
            .. Enumerable.Repeat(Builders.Result("del.twice", CheckOutcome.Failed), failed),
            .. Enumerable.Repeat(Builders.Result("gc.removes-stale", CheckOutcome.Error, message: "harness problem, not a verdict on the plugin: x"), errors),
            .. Enumerable.Repeat(flakyResult, flaky)]);
        var error = new StringWriter();

        // Act
        var exit = Cli.Commands.Run.CiOutputs.ExitCode(report, failOnFlaky, error);

        // Assert
        exit.Should().Be(expected);
        error.ToString().Should().Be(errors > 0
            ? $"cnitest: error: 1 check did not run to the end, because of a harness problem (a helper command or the environment failed): gc.removes-stale [1.0.0]; this run is no verdict on those checks ({(failed > 0 ? "exit 1: a check failed" : "exit 2")})\n"
            : "");
    }
}
