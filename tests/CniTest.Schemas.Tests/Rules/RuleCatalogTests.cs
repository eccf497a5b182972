using CniTest.Harness.Rules;
using CniTest.Harness.Schemas;
using CniTest.Harness.Versioning;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using NJsonSchema;
using Xunit;

namespace CniTest.Schemas.Tests.Rules;

/// <summary>
/// schemas/rules/cni-rules.json: valid against its schema, embedded verbatim, and consistent in the ways a draft-07
/// schema cannot state (id numbering and side, per-version levels, bug references).
/// </summary>
public sealed class RuleCatalogTests
{
    private static readonly string CataloguePath = Path.Combine(Repo.Schemas, "rules", "cni-rules.json");
    private static readonly RuleCatalog Catalog = RuleCatalog.Default;

    [Fact]
    public async Task Catalogue_ValidatesAgainstItsSchema()
    {
        // Arrange
        var schema = await JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(Repo.Schemas, "rules", "cni-rules.schema.json")));

        // Act
        var errors = schema.Validate(File.ReadAllText(CataloguePath));

        // Assert
        errors.Select(e => $"{e.Path}: {e.Kind}").Should().BeEmpty();
    }

    [Fact]
    public void Default_IsTheRepositoryFileEmbeddedVerbatim()
    {
        SchemaCatalog.TryGetFileText(RuleCatalog.FilePath, out var text).Should().BeTrue();
        text.Should().Be(File.ReadAllText(CataloguePath));
        Catalog.All.Should().HaveCount(RuleCatalog.Parse(File.ReadAllText(CataloguePath)).All.Count);
    }

    [Fact]
    public void Ids_AreNumberedWithoutGapsPerSide_PluginRulesFirst()
    {
        // The checklist's P1-P52 and R1-R53 stay; new ids continue the numbering and are never reused.
        var plugin = Catalog.All.TakeWhile(r => r.Side == RuleSide.Plugin).Select(r => r.Id).ToList();
        var runtime = Catalog.All.Skip(plugin.Count).Select(r => r.Id).ToList();

        plugin.Should().Equal(Enumerable.Range(1, plugin.Count).Select(n => $"P{n}"));
        runtime.Should().Equal(Enumerable.Range(1, runtime.Count).Select(n => $"R{n}"));
        plugin.Should().HaveCountGreaterThanOrEqualTo(52);
        runtime.Should().HaveCountGreaterThanOrEqualTo(53);
        Catalog.All.Skip(plugin.Count).Should().OnlyContain(r => r.Side == RuleSide.Runtime);
    }

    [Fact]
    public void SpecVersions_AreKnownAndOldestFirst()
    {
        Catalog.All.Should().AllSatisfy(r =>
        {
            r.SpecVersions.Should().BeSubsetOf(SpecVersions.All, r.Id);
            r.SpecVersions.Should().Equal(SpecVersions.All.Where(r.SpecVersions.Contains), $"{r.Id} lists its versions oldest first");
        });
    }

    [Fact]
    public void Levels_WhereTheyChange_CoverExactlyTheSpecVersionsAndEndAtLevel()
    {
        var versioned = Catalog.All.Where(r => r.Levels is not null).ToList();

        versioned.Should().Contain(r => r.Id == "P2", "the errata lists P2, P5, P18, P24 and P36 as changing level");
        versioned.Should().AllSatisfy(r =>
        {
            r.Levels!.Keys.Should().BeEquivalentTo(r.SpecVersions, r.Id);
            r.Levels[r.SpecVersions[^1]].Should().Be(r.Level, $"{r.Id}: level is the newest version's");
            r.Levels.Values.Distinct().Should().HaveCountGreaterThan(1, $"{r.Id}: levels only where the level changes");
        });
    }

    [Fact]
    public void Bugs_ResolveToGitHubIssueAddresses()
    {
        var bugs = Catalog.All.SelectMany(r => r.Bugs.Select(b => (r.Id, Bug: b))).ToList();

        bugs.Should().NotBeEmpty();
        bugs.Where(b => Catalog.BugUrl(b.Bug) is null).Select(b => $"{b.Id}: {b.Bug}").Should().BeEmpty();
        Catalog.BugUrl("cni#732").Should().Be("https://github.com/containernetworking/cni/issues/732");
        Catalog.BugUrl("tigera/operator#4969").Should().Be("https://github.com/tigera/operator/issues/4969");
        Catalog.BugUrl("unknown#1").Should().BeNull();
    }

    [Fact]
    public void Find_IgnoresCase_AndAnUnknownIdIsNull()
    {
        Catalog.Find("p27").Should().BeSameAs(Catalog.Find("P27"));
        Catalog.Find("P27")!.Side.Should().Be(RuleSide.Plugin);
        Catalog.Find("Q27").Should().BeNull();
    }

    [Fact]
    public void LevelAt_FollowsTheVersion()
    {
        var p2 = Catalog.Find("P2")!;

        p2.LevelAt("0.4.0").Should().Be(CniRuleLevel.Must);
        p2.LevelAt("1.0.0").Should().Be(CniRuleLevel.Should);
        Catalog.Find("P37")!.LevelAt("1.0.0").Should().BeNull("GC exists only in 1.1.0");
    }

    [Fact]
    public void Parse_DuplicateId_IsInvalidData()
    {
        var rule = """{"id":"P1","side":"plugin","source":"SPEC","level":"MUST","specVersions":["1.0.0"],"section":"s","title":"t","requirement":"r","bugs":[]}""";

        var act = () => RuleCatalog.Parse($$"""{"rules":[{{rule}},{{rule}}]}""");

        act.Should().Throw<InvalidDataException>().WithMessage("*P1 appears twice*");
    }
}
