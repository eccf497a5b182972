using System.Xml.Linq;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Reporting;

public sealed class JUnitReportWriterTests
{
    [Fact]
    public void ToXml_Report_IsWellFormedWithOneCasePerResult()
    {
        // Arrange
        var report = Builders.Report(
            Builders.Result("version.reply"),
            Builders.Result("del.twice", CheckOutcome.Failed, message: "second DEL failed", invocations: [Builders.Record("DEL", exit: 1)]),
            Builders.Result("gc.removes-stale", CheckOutcome.Skipped, message: "no 1.1.0"));

        // Act
        var text = JUnitReportWriter.ToXml(report).ToString();
        var parsed = XDocument.Parse(text);
        var suite = parsed.Root!.Element("testsuite")!;

        // Assert
        suite.Elements("testcase").Should().HaveCount(3);
        suite.Attribute("failures")!.Value.Should().Be("1");
        suite.Attribute("skipped")!.Value.Should().Be("1");
        var failure = suite.Elements("testcase").Single(c => c.Element("failure") is not null).Element("failure")!;
        failure.Attribute("type")!.Value.Should().Be("P26");
        failure.Value.Should().Contain("replay:");
    }

    [Fact]
    public void ToXml_PluginOutputWithControlCharacters_StaysWellFormed()
    {
        // Arrange
        var record = Builders.Record("ADD", stdout: "bad\u0001\u001bbytes", exit: 1);
        var report = Builders.Report(Builders.Result("add.ifname", CheckOutcome.Failed, message: "boom\u0007", invocations: [record]));

        // Act
        var text = JUnitReportWriter.ToXml(report).ToString();

        // Assert
        var act = () => XDocument.Parse(text);
        act.Should().NotThrow();
        text.Should().NotContain("\u0001");
    }
}
