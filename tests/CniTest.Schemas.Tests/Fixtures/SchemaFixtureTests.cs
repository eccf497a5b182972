using CniTest.Harness.Schemas;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Fixtures;

/// <summary>Runs every schema fixture: valid ones must pass, invalid ones must fail with exactly the expected violations.</summary>
public sealed class SchemaFixtureTests
{
    public static TheoryData<string> ValidFixtures() => [.. SchemaFixture.All().Where(f => f.Valid).Select(f => f.Name)];

    public static TheoryData<string> InvalidFixtures() => [.. SchemaFixture.All().Where(f => !f.Valid).Select(f => f.Name)];

    private static SchemaFixture Find(string name) => SchemaFixture.All().Single(f => f.Name == name);

    [Theory]
    [MemberData(nameof(ValidFixtures))]
    public void Validate_ValidFixture_HasNoViolations(string name)
    {
        // Arrange
        var fixture = Find(name);

        // Act
        var violations = SchemaValidator.Validate(fixture.Kind, fixture.Version, File.ReadAllText(fixture.File));

        // Assert
        violations.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(InvalidFixtures))]
    public void Validate_InvalidFixture_ReportsExactlyTheExpectedViolations(string name)
    {
        // Arrange
        var fixture = Find(name);
        File.Exists(fixture.ExpectFile).Should().BeTrue($"{fixture.Name} needs a sibling .expect file");
        var expected = fixture.Expected();

        // Act
        var violations = SchemaValidator.Validate(fixture.Kind, fixture.Version, File.ReadAllText(fixture.File));

        // Assert
        expected.Should().NotBeEmpty();
        violations.Select(v => (v.Path, v.Rule)).Should().BeEquivalentTo(expected,
            "violations were: " + string.Join("; ", violations));
    }

    [Fact]
    public void Fixtures_EverySchemaHasAtLeastFiveInvalidFixtures()
    {
        // Arrange
        var counts = SchemaFixture.All().Where(f => !f.Valid).GroupBy(f => (f.Version, f.Kind)).ToDictionary(g => g.Key, g => g.Count());

        // Act
        var missing = SchemaCatalog.Kinds
            .SelectMany(k => SchemaCatalog.VersionsOf(k).Select(v => (Version: v, Kind: k)))
            .Where(key => counts.GetValueOrDefault(key) < 5)
            .Select(key => $"{key.Version}/{SchemaKinds.FileName(key.Kind)} ({counts.GetValueOrDefault(key)})")
            .ToList();

        // Assert
        missing.Should().BeEmpty();
    }

    [Fact]
    public void Fixtures_EverySchemaHasAValidFixture()
    {
        var valid = SchemaFixture.All().Where(f => f.Valid).Select(f => (f.Version, f.Kind)).ToHashSet();

        var missing = SchemaCatalog.Kinds
            .SelectMany(k => SchemaCatalog.VersionsOf(k).Select(v => (Version: v, Kind: k)))
            .Where(key => !valid.Contains(key))
            .Select(key => $"{key.Version}/{SchemaKinds.FileName(key.Kind)}")
            .ToList();

        missing.Should().BeEmpty();
    }
}
