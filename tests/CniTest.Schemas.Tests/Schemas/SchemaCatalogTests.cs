using System.Text.Json.Nodes;
using CniTest.Harness.Schemas;
using CniTest.Schemas.Tests.Fixtures;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Schemas;

/// <summary>The catalog: every published file embedded, loadable (references resolved), described, and cached.</summary>
public sealed class SchemaCatalogTests
{
    public static TheoryData<string, string> AllSchemas() =>
    [
        .. SchemaCatalog.Kinds.SelectMany(k => SchemaCatalog.VersionsOf(k).Select(v => (SchemaKinds.FileName(k), v))),
    ];

    [Theory]
    [MemberData(nameof(AllSchemas))]
    public void Get_EverySchema_LoadsWithItsReferencesResolved(string kind, string version)
    {
        // Arrange
        SchemaKinds.TryParse(kind, out var k).Should().BeTrue();

        // Act
        var schema = SchemaCatalog.Get(k, version);

        // Assert: resolving every reference throws if a $ref points nowhere
        schema.Should().NotBeNull();
        var act = () => SchemaValidator.Validate(k, version, "{}");
        act.Should().NotThrow();
    }

    [Theory]
    [MemberData(nameof(AllSchemas))]
    public void Text_EverySchema_HasIdTitleAndDescriptionCitingTheSpec(string kind, string version)
    {
        SchemaKinds.TryParse(kind, out var k).Should().BeTrue();

        var json = JsonNode.Parse(SchemaCatalog.Text(k, version))!;

        json["$schema"]!.GetValue<string>().Should().Be("http://json-schema.org/draft-07/schema#");
        json["$id"]!.GetValue<string>().Should().EndWith($"/schemas/{version}/{kind}.schema.json");
        json["title"]!.GetValue<string>().Should().Contain(version);
        json["description"]!.GetValue<string>().Should().Contain($"SPEC {version}");
    }

    [Fact]
    public void Embedded_EveryPublishedFile_IsEmbeddedVerbatim()
    {
        // Arrange
        var published = Directory.GetFiles(Repo.Schemas, "*.schema.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repo.Schemas, f)).Order(StringComparer.Ordinal).ToList();

        // Act / Assert
        foreach (var path in published)
        {
            SchemaCatalog.TryGetFileText(path, out var text).Should().BeTrue(path);
            text.Should().Be(File.ReadAllText(Path.Combine(Repo.Schemas, path)), path);
        }

        published.Should().HaveCountGreaterThan(50);
    }

    [Fact]
    public void Get_SameKeyFromManyThreads_ReturnsOneCachedInstance()
    {
        var schemas = Enumerable.Range(0, 32).AsParallel().Select(_ => SchemaCatalog.Get(SchemaKind.Request, "0.3.1")).ToList();

        schemas.Distinct().Should().ContainSingle();
    }

    [Fact]
    public void Validate_SameSchemaFromManyThreads_GivesEveryThreadTheSequentialAnswer()
    {
        // cnitest run validates concurrently: the compiled schema and its regexes are shared by every thread.
        var documents = SchemaFixture.All().Where(f => f.Version == "1.0.0" && f.Kind == SchemaKind.Result)
            .Select(f => File.ReadAllText(f.File)).ToList();
        var sequential = documents.Select(d => string.Join("; ", SchemaValidator.Validate(SchemaKind.Result, "1.0.0", d))).ToList();

        var parallel = Enumerable.Range(0, 16).AsParallel().WithDegreeOfParallelism(8)
            .SelectMany(_ => documents.Select((d, i) => (i, Text: string.Join("; ", SchemaValidator.Validate(SchemaKind.Result, "1.0.0", d)))))
            .ToList();

        parallel.Should().HaveCount(16 * documents.Count).And.OnlyContain(p => p.Text == sequential[p.i]);
        sequential.Should().Contain(s => s.Length > 0, "some fixtures are invalid, so the answers differ per document");
    }

    [Fact]
    public void VersionsOf_MessagesThatAreNotInEveryVersion_ListOnlyTheirVersions()
    {
        SchemaCatalog.VersionsOf(SchemaKind.VersionReply).Should().Equal("0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");
        SchemaCatalog.VersionsOf(SchemaKind.GcRequest).Should().Equal("1.1.0");
        SchemaCatalog.VersionsOf(SchemaKind.StatusRequest).Should().Equal("1.1.0");
        SchemaCatalog.VersionsOf(SchemaKind.Result).Should().Equal(SchemaCatalog.Versions);
    }

    [Theory]
    [InlineData(SchemaKind.VersionReply, "0.1.0", "exists for 0.2.0")]
    [InlineData(SchemaKind.Result, "1.2.0", "no schemas for CNI version \"1.2.0\"")]
    public void Get_MissingSchema_ThrowsKeyNotFoundNamingWhatExists(SchemaKind kind, string version, string message)
    {
        var act = () => SchemaCatalog.Get(kind, version);

        act.Should().Throw<KeyNotFoundException>().WithMessage($"*{message}*");
    }

    [Theory]
    [InlineData("ipam-result", SchemaKind.IpamResult)]
    [InlineData("IPAMRESULT", SchemaKind.IpamResult)]
    [InlineData("netconflist", SchemaKind.NetConfList)]
    [InlineData("gc-request", SchemaKind.GcRequest)]
    public void TryParse_FileStemOrEnumName_FindsTheKind(string text, SchemaKind expected)
    {
        SchemaKinds.TryParse(text, out var kind).Should().BeTrue();
        kind.Should().Be(expected);
    }
}
