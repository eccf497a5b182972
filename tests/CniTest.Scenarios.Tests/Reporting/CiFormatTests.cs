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
        summary.Should().Contain("| 2 | 1 | 1 | 1 | 1 |");
        summary.Should().Contain("| ❌ failed | `del.twice [1.0.0]` | P26 | must | second DEL failed # with a hash |");
        summary.Should().Contain("⚠️ flaky | `add.ifname [1.0.0]`");
        summary.Should().NotContain("version.reply");
    }
}
