using System.Text.Json.Nodes;
using CniTest.Harness.Schemas;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Reporting;

public sealed class JsonReportWriterTests
{
    private static RunReport Sample() => Builders.Report(
        Builders.Result("version.reply"),
        Builders.Result("del.twice", CheckOutcome.Failed, message: "second DEL: expected exit 0",
            invocations: [Builders.Record("DEL", "{\"code\":999,\"msg\":\"boom\"}", exit: 1, stderr: "log line")]),
        Builders.Result("gc.removes-stale", CheckOutcome.Skipped, message: "no 1.1.0"),
        Builders.Result("contract.error.cni-version", warning: true, invocations: [Builders.Record("ADD", signal: 11, exit: 139)]));

    [Fact]
    public void ToJson_SampleReport_ValidatesAgainstThePublishedSchema()
    {
        // Arrange
        var report = Sample();

        // Act
        var json = JsonReportWriter.ToJson(report).ToJsonString();
        var errors = SchemaValidator.Validate(SchemaCatalog.Report, json);

        // Assert
        errors.Should().BeEmpty();
    }

    [Fact]
    public void ToJson_SampleReport_HasExactlyTheIssueKeys()
    {
        // Arrange
        var report = Sample();

        // Act
        var json = JsonReportWriter.ToJson(report);
        var result = json["results"]![1]!.AsObject();
        var invocation = result["invocations"]![0]!.AsObject();

        // Assert
        // The issue 5 keys first, in its order; then the keys issue 13 added for --retries and --shard.
        json.Select(p => p.Key).Should().Equal("plugin", "role", "versions", "hostProfile", "runtime", "durationMs", "summary", "results",
            "profile", "strict", "shard", "planned", "contract");
        json["summary"]!.AsObject().Select(p => p.Key).Should().Equal("passed", "failed", "skipped", "warnings", "flaky", "errors");
        result.Select(p => p.Key).Should().Equal("id", "title", "rule", "cniVersion", "outcome", "severity", "message", "durationMs", "invocations",
            "warning", "failedAttempts");
        invocation.Select(p => p.Key).Should().Equal("command", "env", "stdin", "stdout", "stderr", "exitCode", "signal", "durationMs");
    }

    [Fact]
    public void ToJson_SampleReport_CountsWarningsAmongPassed()
    {
        // Arrange
        var report = Sample();

        // Act
        var summary = JsonReportWriter.ToJson(report)["summary"]!;

        // Assert
        ((int)summary["passed"]!).Should().Be(2);
        ((int)summary["failed"]!).Should().Be(1);
        ((int)summary["skipped"]!).Should().Be(1);
        ((int)summary["warnings"]!).Should().Be(1);
    }

    [Fact]
    public void ToJson_CallKilledBySignal_HasSignalAndNoExitCode()
    {
        // Arrange
        var report = Sample();

        // Act
        var invocation = JsonReportWriter.ToJson(report)["results"]![3]!["invocations"]![0]!;

        // Assert
        invocation["signal"]!.GetValue<int>().Should().Be(11);
        invocation["exitCode"].Should().BeNull();
    }

    [Fact]
    public void Write_Report_IsReadableJson()
    {
        // Arrange
        var path = Path.Combine(Directory.CreateTempSubdirectory("cnitest-report-").FullName, "r.json");

        // Act
        JsonReportWriter.Write(Sample(), path);
        var parsed = JsonNode.Parse(File.ReadAllText(path));

        // Assert
        parsed!["role"]!.GetValue<string>().Should().Be("interface");
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
