using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Harness.Rules;
using CniTest.Scenarios.Checks;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Rules;

/// <summary>
/// Every rule id the repository cites resolves in the catalogue: in comments, strings and attributes of every C#
/// file (product, plugins under test, fixtures, tests), in the Markdown, scripts and JSON, in the checks' and the
/// output contract's metadata, and in the broken-plugin manifest.
/// </summary>
public sealed class CitedRuleIdsTests
{
    private static readonly RuleCatalog Catalog = RuleCatalog.Default;

    [Fact]
    public void Repository_EveryCitedRuleId_IsInTheCatalogue()
    {
        // Act
        var citations = RuleIdScan.Citations(Repo.Root).ToList();

        // Assert
        citations.Where(c => Catalog.Find(c.Id) is null).Select(c => c.ToString()).Should().BeEmpty();
        citations.Should().HaveCountGreaterThan(700, "the scan must see the ids in code, tests and README (783 in .cs files at issue 9)");
        citations.Should().Contain(c => c.File == "README.md");
    }

    [Fact]
    public void Mask_KeepsCommentsStringsAndAttributes_BlanksCode()
    {
        // Arrange
        const string source = """"
            [InlineData("P27")] // P26
            var R1 = Check("P14", $"{P2} and P3", @"P4 ""P5""", $$"""{{R2}} P6""") /* R32 */ + 'R';
            """";

        // Act
        var masked = CommentsAndStrings.Mask(source);

        // Assert
        foreach (var kept in new[] { "P27", "// P26", "P14", " and P3", "P4 \"\"P5\"\"", " P6", "/* R32 */", "R'" })
        {
            masked.Should().Contain(kept);
        }

        masked.Should().NotContain("R1").And.NotContain("P2}").And.NotContain("R2").And.NotContain("Check");
        masked.Split('\n').Should().HaveCount(2);
    }

    [Fact]
    public void Checks_EveryRuleTheyEnforceOrReport_IsAPluginRule()
    {
        var cited = CheckCatalog.All.SelectMany(c => c.AlsoReports.Prepend(c.Rule).Select(id => $"{c.Id}: {id}")).ToList();

        cited.Where(c => Catalog.Find(c[(c.IndexOf(' ') + 1)..])?.Side != RuleSide.Plugin).Should().BeEmpty();
    }

    [Fact]
    public void ContractRules_EveryChecklistId_IsAPluginRule()
    {
        CheckCatalog.ContractRules.Where(r => Catalog.Find(r.ChecklistId)?.Side != RuleSide.Plugin)
            .Select(r => $"{r.Id}: {r.ChecklistId}").Should().BeEmpty();
    }

    [Fact]
    public void ChecksAndContract_NeverJudgeARuleAboveItsLevel()
    {
        // A check may report more softly than its rule (a SHOULD finding under a MUST rule), never harder: a MUST
        // verdict on a SHOULD rule would fail plugins the spec allows. The rule's strongest level at any version counts.
        var judged = CheckCatalog.All.Select(c => (c.Id, c.Rule, c.Level))
            .Concat(CheckCatalog.ContractRules.Select(r => ("contract." + r.Id, r.ChecklistId, r.Level)));

        judged.Where(j => Rank(j.Level) > Catalog.Find(j.Item2)!.SpecVersions.Max(v => Rank(Catalog.Find(j.Item2)!.LevelAt(v)!.Value)))
            .Select(j => $"{j.Item1}: {j.Level} above {j.Item2}").Should().BeEmpty();
    }

    [Fact]
    public void BrokenPluginManifest_EveryChecklistId_IsAPluginRule()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "fixtures", "broken-plugins", "manifest.json")))!.AsArray();

        manifest.Should().NotBeEmpty();
        manifest.Select(e => (Plugin: e!["plugin"]!.GetValue<string>(), Id: e["checklistId"]!.GetValue<string>()))
            .Where(e => Catalog.Find(e.Id)?.Side != RuleSide.Plugin).Select(e => $"{e.Plugin}: {e.Id}").Should().BeEmpty();
    }

    private static int Rank(RuleLevel level) => level switch
    {
        RuleLevel.Must => 3,
        RuleLevel.Should => 2,
        RuleLevel.GoOnly => 1,
        _ => 0,
    };

    // Conventions are recommendations (SHOULD at most); a statement without a keyword is informational.
    private static int Rank(CniRuleLevel level) => level switch
    {
        CniRuleLevel.Must => 3,
        CniRuleLevel.Should or CniRuleLevel.Convention => 2,
        CniRuleLevel.GoOnly => 1,
        _ => 0,
    };
}
