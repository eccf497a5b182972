using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Scenarios.Checks;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// Each deliberately broken plugin (fixtures/broken-plugins, one defect each, drawn from PEERS (b)) fails with
/// the check its manifest names: some failed check cites the manifest's checklist id. The run is narrowed with
/// --filter to the checks that enforce that id, which is what a developer chasing that bug would run, and made
/// --strict where the manifest says so: a SHOULD rule the runtime profile only warns about (net.mtu, net.egress, …).
/// </summary>
[Collection(RootCollection.Name)]
public sealed class BrokenPluginTests
{
    public static TheoryData<string, string, string, bool> Fixtures()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var entry in Manifest())
        {
            data.Add(entry["plugin"]!.GetValue<string>(), entry["role"]!.GetValue<string>(), entry["checklistId"]!.GetValue<string>(), Strict(entry));
        }

        return data;
    }

    [PrivilegedTheory]
    [MemberData(nameof(Fixtures))]
    public async Task Run_BrokenPlugin_FailsWithTheIntendedCheck(string plugin, string role, string checklistId, bool strict)
    {
        // Arrange
        PluginRoles.TryParse(role, out var parsedRole);
        var options = new RunOptions
        {
            PluginPath = Path.Combine(Repo.BrokenPluginDir, plugin),
            Role = parsedRole,
            Filter = checklistId,
            Timeout = TimeSpan.FromSeconds(2),
            Policy = new ProfilePolicy(RunProfile.Runtime, strict),
        };

        var processes = ProcessTable.Take();

        // Act
        var report = await SuiteRunner.RunAsync(options, ct: TestContext.Current.CancellationToken);

        // Assert
        ProcessTable.Take().LeftSince(processes).Should().BeEmpty($"whatever {plugin} starts is killed by the end of the run (issue 12)");
        report.Results.Should().Contain(r => r.Outcome == CheckOutcome.Failed && r.Rule == checklistId,
            $"{plugin} breaks {checklistId}; failed: {string.Join("; ", report.Results.Where(r => r.Outcome == CheckOutcome.Failed).Select(r => $"{r.Id} {r.Rule}"))}");
    }

    [Fact]
    public void Manifest_EveryChecklistId_IsEnforcedBySomeCheck()
    {
        // Arrange
        var ids = Manifest().Select(e => e["checklistId"]!.GetValue<string>()).Distinct().ToList();

        // Act
        var unenforced = ids.Where(id => !CheckCatalog.All.Any(c => c.Enforces(id)) && OutputContract.Rules.All(r => r.ChecklistId != id)).ToList();

        // Assert
        ids.Count.Should().BeGreaterThanOrEqualTo(10);
        Manifest().Count.Should().BeGreaterThanOrEqualTo(15);
        unenforced.Should().BeEmpty();
    }

    [Fact]
    public void Manifest_Strict_MarksExactlyTheFixturesWhoseRuleTheRuntimeProfileOnlyWarnsAbout()
    {
        // Arrange: a fixture needs --strict when no check enforcing its rule fails it under the default profile
        var entries = Manifest();

        // Act
        var wrong = entries.Where(e =>
        {
            var id = e["checklistId"]!.GetValue<string>();
            var failsByDefault = CheckCatalog.All.Where(c => c.Enforces(id)).Any(c => ProfilePolicy.Default.Judge(c.Level, id) == FindingVerdict.Failure)
                                 || OutputContract.Rules.Any(r => r.ChecklistId == id && ProfilePolicy.Default.Judge(r.Level, id) == FindingVerdict.Failure);
            return Strict(e) == failsByDefault;
        }).Select(e => e["plugin"]!.GetValue<string>()).ToList();

        // Assert
        wrong.Should().BeEmpty("'strict': true belongs exactly to the fixtures whose rule the runtime profile only warns about");
    }

    private static bool Strict(JsonObject entry) => entry["strict"]?.GetValue<bool>() ?? false;

    private static IReadOnlyList<JsonObject> Manifest() =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.BrokenPluginDir, "manifest.json")))!.AsArray().OfType<JsonObject>()];
}
