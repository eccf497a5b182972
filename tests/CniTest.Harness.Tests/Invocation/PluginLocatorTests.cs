using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Invocation;

/// <summary>Plugin lookup on CNI_PATH (R19, R12).</summary>
public sealed class PluginLocatorTests : IDisposable
{
    private readonly string _a = Directory.CreateTempSubdirectory("cnitest-a-").FullName;
    private readonly string _b = Directory.CreateTempSubdirectory("cnitest-b-").FullName;

    [Fact]
    public void Find_InSeveralDirectories_ReturnsTheFirstInPathOrder()
    {
        // Arrange
        File.WriteAllText(Path.Combine(_a, "bridge"), "");
        File.WriteAllText(Path.Combine(_b, "bridge"), "");

        // Act / Assert
        PluginLocator.Find("bridge", [_b, _a]).Should().Be(Path.Combine(_b, "bridge"));
    }

    [Fact]
    public void Find_DirectoryWithPluginName_IsSkipped()
    {
        // Arrange: only regular files count
        Directory.CreateDirectory(Path.Combine(_a, "bridge"));
        File.WriteAllText(Path.Combine(_b, "bridge"), "");

        // Act / Assert
        PluginLocator.Find("bridge", [_a, _b]).Should().Be(Path.Combine(_b, "bridge"));
    }

    [Fact]
    public void Find_Missing_NamesTypeAndPath()
    {
        var act = () => PluginLocator.Find("nosuch", [_a, _b]);
        act.Should().Throw<PluginNotFoundException>().WithMessage($"failed to find plugin \"nosuch\" in path [{_a} {_b}]");
    }

    [Fact]
    public void Find_NoPaths_SaysNoPathsProvided()
    {
        var act = () => PluginLocator.Find("bridge", []);
        act.Should().Throw<PluginNotFoundException>().WithMessage("no paths provided*");
    }

    [Theory]
    [InlineData("../bridge")]
    [InlineData("sub\\bridge")]
    [InlineData("")]
    public void Find_TypeWithSeparatorOrEmpty_IsRejected(string type)
    {
        var act = () => PluginLocator.Find(type, [_a]);
        act.Should().Throw<CniHarnessException>();
    }

    [Fact]
    public void SplitPath_DropsEmptyEntries()
    {
        PluginLocator.SplitPath("/a::/b:").Should().Equal("/a", "/b");
    }

    public void Dispose()
    {
        Directory.Delete(_a, true);
        Directory.Delete(_b, true);
    }
}
