using System.Text.Json.Nodes;
using System.Xml.Linq;
using System.Xml.Schema;
using CniTest.Cli;
using CniTest.Cli.Commands;
using CniTest.Cli.Commands.Run;
using CniTest.Harness.Contract;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// A check that throws is an error, never a skip that lets the run pass (a build where every schema validation threw
/// printed "PASSED … 0 failed, 42 skipped" and exited 0). The run goes through the CLI's own run path with a check
/// injected into the catalogue, and every output is read back: exit code, summary line, stderr, JSON, JUnit, TAP and
/// the GitHub Actions annotations and step summary.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class InternalErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-interr-").FullName;

    [PrivilegedFact(RootOnly = true)]
    public async Task Run_CheckThrows_IsAnErrorInEveryFormatAndExitsTwo()
    {
        // Arrange
        var checks = new[] { Check("test.passes", _ => Task.CompletedTask), Check("test.throws", _ => throw new InvalidOperationException("boom")) };

        // Act
        var run = await RunAsync(checks);

        // Assert: the exit code and the console.
        run.Exit.Should().Be(ExitCodes.UsageOrEnvironment);
        run.Out.Should().Contain("ERR!  test.throws").And.Contain("Errors (the check did not run to its end");
        run.Out.Should().Contain("ERROR: ").And.Contain("passed (0 with warnings), 0 failed, 1 error, 0 skipped").And.NotContain("PASSED");
        run.Error.Should().Contain("cnitest: error: 1 check did not run to the end, because of an internal error in cnitest (please report it): test.throws");

        // JSON: outcome and summary.
        var json = JsonNode.Parse(File.ReadAllText(run.Json))!;
        json["summary"]!["errors"]!.GetValue<int>().Should().Be(1);
        json["summary"]!["skipped"]!.GetValue<int>().Should().Be(0);
        var result = json["results"]!.AsArray().Single(r => (string?)r!["id"] == "test.throws")!;
        ((string?)result["outcome"]).Should().Be("error");
        ((string?)result["message"]).Should().Contain("internal error in cnitest (InvalidOperationException: boom in ")
            .And.Contain(nameof(Run_CheckThrows_IsAnErrorInEveryFormatAndExitsTwo), "the place it was thrown comes from the stack text, which NativeAOT keeps");

        // JUnit: an <error>, counted in errors, valid against the strict schema.
        var xml = XDocument.Load(run.JUnit);
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Reporting", "junit.xsd"));
        xml.Validate(schemas, (_, e) => throw new XmlSchemaValidationException(e.Message));
        xml.Root!.Attribute("errors")!.Value.Should().Be("1");
        xml.Root!.Attribute("failures")!.Value.Should().Be("0");
        var errored = xml.Descendants("testcase").Single(c => c.Attribute("name")!.Value == "test.throws");
        errored.Element("error")!.Attribute("type")!.Value.Should().Be("internal-error");
        errored.Element("skipped").Should().BeNull();

        // TAP: not ok, no SKIP directive, outcome error in the block.
        var tap = TapParser.Parse(File.ReadAllText(run.Tap));
        var point = tap.Points.Single(p => p.Description.StartsWith("test.throws"));
        point.Ok.Should().BeFalse();
        point.Directive.Should().BeNull();
        point.Yaml.Should().Contain("outcome: error");

        // GitHub Actions: an ::error annotation and ERROR in the step summary.
        run.Out.Should().Contain("::error title=cnitest test.throws (P44) error::internal error in cnitest");
        File.ReadAllText(run.StepSummary).Should().StartWith("### cnitest ERROR:").And.Contain("❗ error");
    }

    [PrivilegedFact(RootOnly = true)]
    public async Task Run_CheckThrowsAndAnotherFails_ExitsOneAndCountsBoth()
    {
        // Arrange
        var checks = new[]
        {
            Check("test.fails", ctx => { ctx.Fail("P44", RuleLevel.Must, "made to fail"); return Task.CompletedTask; }),
            Check("test.throws", _ => throw new NullReferenceException("oops")),
        };

        // Act
        var run = await RunAsync(checks);

        // Assert: a verdict on the plugin comes first; the error is still counted and said.
        run.Exit.Should().Be(ExitCodes.Failure);
        run.Out.Should().Contain("FAILED: ").And.Contain("1 failed, 1 error, ");
        run.Error.Should().Contain("(exit 1: a check failed)");
    }

    [PrivilegedFact(RootOnly = true)]
    public async Task Run_HelperCommandFails_IsAHarnessProblemError()
    {
        // Arrange
        var checks = new[] { Check("test.helper", _ => throw new SandboxCommandException("ip link add x: exit 2: RTNETLINK answers: Operation not supported")) };

        // Act
        var run = await RunAsync(checks);

        // Assert
        run.Exit.Should().Be(ExitCodes.UsageOrEnvironment);
        run.Error.Should().Contain("because of a harness problem");
        XDocument.Load(run.JUnit).Descendants("error").Single().Attribute("type")!.Value.Should().Be("harness-problem");
        run.Out.Should().Contain("harness problem, not a verdict on the plugin: ip link add x").And.Contain("(twice: also on a second attempt in a fresh fake host)");
    }

    [PrivilegedFact(RootOnly = true)]
    public async Task Run_HelperCommandFailsOnce_PassesOnTheSecondAttemptAndSaysSo()
    {
        // Arrange: a transient harness problem, as a Docker engine under load gives ("cannot start a stopped process").
        var calls = 0;
        var checks = new[]
        {
            Check("test.transient", _ => Interlocked.Increment(ref calls) == 1
                ? throw new SandboxCommandException("docker: could not start a sandbox container: cannot start a stopped process")
                : Task.CompletedTask),
        };

        // Act
        var run = await RunAsync(checks);

        // Assert
        run.Exit.Should().Be(ExitCodes.Success);
        calls.Should().Be(2);
        var result = JsonNode.Parse(File.ReadAllText(run.Json))!["results"]!.AsArray().Single(r => (string?)r!["id"] == "test.transient")!;
        ((string?)result["outcome"]).Should().Be("passed");
        ((string?)result["message"]).Should().Contain("passed on a second attempt in a fresh fake host; the first hit a harness problem");
    }

    [PrivilegedFact(RootOnly = true)]
    public async Task Run_InternalError_IsNotRetried()
    {
        // Arrange
        var calls = 0;
        var checks = new[] { Check("test.bug", _ => Interlocked.Increment(ref calls) > 0 ? throw new InvalidOperationException("bug") : Task.CompletedTask) };

        // Act
        var run = await RunAsync(checks);

        // Assert
        run.Exit.Should().Be(ExitCodes.UsageOrEnvironment);
        calls.Should().Be(1, "a bug in cnitest does not go away on a second attempt; only harness problems get one");
    }

    private static CheckDefinition Check(string id, Func<CheckContext, Task> body) => new()
    {
        Id = id,
        Title = id,
        Rule = "P44",
        Level = RuleLevel.Must,
        Scope = VersionScope.Once,
        Body = body,
    };

    private async Task<(int Exit, string Out, string Error, string Json, string JUnit, string Tap, string StepSummary)> RunAsync(IReadOnlyList<CheckDefinition> checks)
    {
        var plugin = Path.Combine(_dir, "ipam");
        File.WriteAllText(plugin, """
            #!/bin/bash
            case "$CNI_COMMAND" in
            VERSION) echo '{"cniVersion":"1.1.0","supportedVersions":["1.1.0"]}' ;;
            *) echo '{"cniVersion":"1.1.0","code":4,"msg":"unsupported"}'; exit 1 ;;
            esac
            """);
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var (json, junit, tap, summary) = (Path.Combine(_dir, "r.json"), Path.Combine(_dir, "r.xml"), Path.Combine(_dir, "r.tap"), Path.Combine(_dir, "summary.md"));
        var env = new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary, ["CI"] = "true" };
        var (output, error) = (new StringWriter(), new StringWriter());
        var ctx = new CliContext(name => env.GetValueOrDefault(name), output, error);
        var options = new RunOptions { PluginPath = plugin, Role = PluginRole.Ipam, Checks = checks };

        var exit = await RunCommand.RunAsync(ctx, options, json, junit, new CiOutputs(tap, FailOnFlaky: false), TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString(), json, junit, tap, summary);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
