using CniTest.Harness.Operations;
using Xunit;

namespace CniTest.Harness.Tests.PublicApi;

/// <summary>
/// The Harness's public surface is a reviewed decision (STYLE example 15): every change to it shows up as a diff of
/// <c>CniTest.Harness.approved.txt</c>. After an intended change, rerun this class with <c>CNITEST_APPROVE_API=1</c>
/// and commit the rewritten file with the change.
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void Generate_HarnessAssembly_MatchesApprovedFile()
    {
        // Arrange
        var assembly = typeof(CniRuntime).Assembly;

        // Act
        var current = PublicApiText.Generate(assembly);

        // Assert
        ApprovedApiFile.AssertMatches(current);
    }
}
