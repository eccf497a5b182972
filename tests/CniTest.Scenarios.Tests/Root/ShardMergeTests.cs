using System.Text.Json.Nodes;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// Issue 13: shards 1/3, 2/3 and 3/3 of a run, each written as --report JSON and merged, equal one whole run (the
/// same check ids, versions and outcomes, the output contract included). The scriptable fake plugin keeps it fast; its
/// STATUS fails so that the comparison covers a failure as well as passes and skips.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class ShardMergeTests
{
    [PrivilegedFact]
    public async Task Merge_ThreeShards_EqualsOneWholeRun()
    {
        // Arrange
        using var plugins = new FakePluginDirectory();
        var plugin = plugins.Add("fake-ipam", new JsonObject
        {
            ["supportedVersions"] = new JsonArray("0.4.0", "1.0.0", "1.1.0"),
            ["commands"] = new JsonObject { ["STATUS"] = new JsonObject { ["error"] = new JsonObject { ["code"] = 50, ["msg"] = "not ready" } } },
        });
        var options = new RunOptions { PluginPath = plugin, Role = PluginRole.Ipam, Filter = "version.,gc.,status.,del.,contract." };
        using var dir = new TempDir();

        // Act
        var whole = await SuiteRunner.RunAsync(options, ct: TestContext.Current.CancellationToken);
        var files = new List<string>();
        for (var k = 1; k <= 3; k++)
        {
            var part = await SuiteRunner.RunAsync(options with { Shard = new ShardSpec(k, 3) }, ct: TestContext.Current.CancellationToken);
            part.Results.Where(r => !r.Id.StartsWith("contract.")).Should().NotBeEmpty($"shard {k}/3 has work to do");
            files.Add(Path.Combine(dir.Path, $"shard{k}.json"));
            JsonReportWriter.Write(part, files[^1]);
        }

        var merged = ReportMerger.Merge([.. files.Select(JsonReportReader.Read)]);

        // Assert
        whole.Results.Should().Contain(r => r.Outcome == CheckOutcome.Failed).And.Contain(r => r.Outcome == CheckOutcome.Skipped);
        merged.Results.Select(r => (r.Label, r.Outcome, r.Rule)).Should().Equal(whole.Results.Select(r => (r.Label, r.Outcome, r.Rule)));
        merged.Results.Where(r => r.Id.StartsWith("contract.") && r.Outcome == CheckOutcome.Passed).Select(r => r.Message)
            .Should().Equal(whole.Results.Where(r => r.Id.StartsWith("contract.") && r.Outcome == CheckOutcome.Passed).Select(r => r.Message),
                "the contract is judged over the same number of calls");
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("cnitest-shards-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
