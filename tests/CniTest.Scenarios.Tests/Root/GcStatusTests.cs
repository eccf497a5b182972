using System.Text.Json.Nodes;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// GC and STATUS run only for a plugin that advertises 1.1.0 (no Debian plugin does); the scriptable fake plugin
/// (fixtures/FakePlugin) stands in for one.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class GcStatusTests
{
    [PrivilegedFact]
    public async Task Run_PluginAdvertising110_RunsGcAndStatusChecks()
    {
        // Arrange
        using var plugins = new FakePluginDirectory();
        var plugin = plugins.Add("fake-ipam", new JsonObject { ["supportedVersions"] = new JsonArray("1.0.0", "1.1.0") });

        // Act
        var report = await RunAsync(plugin, "gc.,status.");

        // Assert
        Outcome(report, "gc.removes-stale").Should().Be(CheckOutcome.Passed);
        Outcome(report, "gc.attachment-keys").Should().Be(CheckOutcome.Passed);
        Outcome(report, "status.answers").Should().Be(CheckOutcome.Passed);
        report.Results.Single(r => r.Id == "status.answers").Invocations.Should().ContainSingle(i => i.Command == "STATUS");
        report.Results.Single(r => r.Id == "gc.removes-stale").Invocations.Should().Contain(i => i.Command == "GC");
        report.Results.Single(r => r.Id == "gc.attachment-keys").Invocations.Count(i => i.Command == "GC").Should().Be(2);
    }

    [PrivilegedFact]
    public async Task Run_PluginWhoseStatusFails_FailsStatusAnswersUnderP44()
    {
        // Arrange
        using var plugins = new FakePluginDirectory();
        var plugin = plugins.Add("fake-ipam", new JsonObject
        {
            ["supportedVersions"] = new JsonArray("1.0.0", "1.1.0"),
            ["commands"] = new JsonObject { ["STATUS"] = new JsonObject { ["error"] = new JsonObject { ["code"] = 50, ["msg"] = "not ready" } } },
        });

        // Act
        var report = await RunAsync(plugin, "status.");

        // Assert
        var status = report.Results.Single(r => r.Id == "status.answers");
        status.Outcome.Should().Be(CheckOutcome.Failed);
        status.Rule.Should().Be("P44");
        status.Message.Should().Contain("not ready");
    }

    [PrivilegedFact]
    public async Task Run_PluginWithout110_SkipsGcWithTheReason()
    {
        // Arrange
        using var plugins = new FakePluginDirectory();
        var plugin = plugins.Add("fake-ipam", new JsonObject { ["supportedVersions"] = new JsonArray("1.0.0") });

        // Act
        var report = await RunAsync(plugin, "gc.");

        // Assert
        var gc = report.Results.Single(r => r.Id == "gc.removes-stale");
        gc.Outcome.Should().Be(CheckOutcome.Skipped);
        gc.Message.Should().Contain("does not advertise 1.1.0");
    }

    private static Task<RunReport> RunAsync(string plugin, string filter) =>
        SuiteRunner.RunAsync(new RunOptions { PluginPath = plugin, Role = PluginRole.Ipam, Filter = filter },
            ct: TestContext.Current.CancellationToken);

    private static CheckOutcome Outcome(RunReport report, string id) => report.Results.Single(r => r.Id == id).Outcome;
}
