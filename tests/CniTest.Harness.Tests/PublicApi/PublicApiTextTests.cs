using CniTest.Harness.Operations;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.PublicApi;

/// <summary>The API text generator and its diff, on their own.</summary>
public class PublicApiTextTests
{
    private static readonly string HarnessApi = PublicApiText.Generate(typeof(CniRuntime).Assembly);

    [Fact]
    public void Generate_Records_LeavesOutCompilerGeneratedMembers()
    {
        // Assert
        HarnessApi.Should().NotContainAny("<Clone>$", "EqualityContract", "PrintMembers", "Deconstruct", "op_Equality", "value__");
    }

    [Fact]
    public void Generate_Signature_HasNamesDefaultsNullabilityAndTupleNames()
    {
        // Assert
        HarnessApi.Should().Contain(
            "public static bool TryParse(string? text, out CniTest.Harness.Versioning.CniVersion version, out string? error);");
        HarnessApi.Should().Contain(
            "public (CniTest.Harness.Cache.CacheReadStatus Status, CniTest.Harness.Cache.CachedAttachment? Entry, string? Problem) Read(");
        HarnessApi.Should().Contain("public ConfigException(string message, string? path = null, System.Exception? inner = null);");
        HarnessApi.Should().Contain("public readonly record struct CniVersion : System.IComparable<CniTest.Harness.Versioning.CniVersion>");
        HarnessApi.Should().Contain("public required string CniVersion { get; init; }");
    }

    [Fact]
    public void Generate_SameAssemblyTwice_IsTheSameText()
    {
        // Act
        var again = PublicApiText.Generate(typeof(CniRuntime).Assembly);

        // Assert
        again.Should().Be(HarnessApi);
    }

    [Fact]
    public void Unified_OneChangedLine_ShowsItWithThreeLinesOfContext()
    {
        // Arrange
        var before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        var after = "a\nb\nc\nd\nE\nf\ng\nh\n";

        // Act
        var diff = TextDiff.Unified(before, after, "old", "new");

        // Assert
        diff.Should().Be("--- old\n+++ new\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
    }

    [Fact]
    public void Unified_AddedLineAtTheEnd_CountsOnlyTheNewSide()
    {
        // Act
        var diff = TextDiff.Unified("a\n", "a\nb\n", "old", "new");

        // Assert
        diff.Should().Be("--- old\n+++ new\n@@ -1,1 +1,2 @@\n a\n+b\n");
    }
}
