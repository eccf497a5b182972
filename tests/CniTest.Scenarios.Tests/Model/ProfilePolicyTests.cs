using CniTest.Harness.Contract;
using CniTest.Scenarios.Model;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Model;

public sealed class ProfilePolicyTests
{
    [Theory]
    [InlineData(RunProfile.Runtime)]
    [InlineData(RunProfile.Spec)]
    public void Judge_MustFinding_FailsUnderEveryProfile(RunProfile profile)
    {
        // Arrange
        var policy = new ProfilePolicy(profile, Strict: false);

        // Act
        var verdict = policy.Judge(RuleLevel.Must, "P26");

        // Assert
        verdict.Should().Be(FindingVerdict.Failure);
    }

    [Theory]
    [InlineData("P2")]
    [InlineData("P5")]
    [InlineData("P6")]
    [InlineData("P13")]
    [InlineData("P27")]
    [InlineData("P28")]
    [InlineData("P33")]
    public void Judge_RuntimeShouldRule_FailsUnderRuntimeAndWarnsUnderSpec(string rule)
    {
        // Arrange
        var runtime = new ProfilePolicy(RunProfile.Runtime, Strict: false);
        var spec = new ProfilePolicy(RunProfile.Spec, Strict: false);

        // Act
        var underRuntime = runtime.Judge(RuleLevel.Should, rule);
        var underSpec = spec.Judge(RuleLevel.Should, rule);

        // Assert
        underRuntime.Should().Be(FindingVerdict.Failure);
        underSpec.Should().Be(FindingVerdict.Warning);
    }

    [Theory]
    [InlineData(RuleLevel.Should, "P3")]
    [InlineData(RuleLevel.Should, "P37")]
    [InlineData(RuleLevel.GoOnly, "P11")]
    public void Judge_OtherShouldOrGoOnly_WarnsUnderRuntime(RuleLevel level, string rule)
    {
        // Arrange
        var policy = ProfilePolicy.Default;

        // Act
        var verdict = policy.Judge(level, rule);

        // Assert
        verdict.Should().Be(FindingVerdict.Warning);
    }

    [Theory]
    [InlineData(RuleLevel.Should, "P3")]
    [InlineData(RuleLevel.GoOnly, "P11")]
    public void Judge_Strict_TurnsWarningsIntoFailures(RuleLevel level, string rule)
    {
        // Arrange
        var policy = new ProfilePolicy(RunProfile.Spec, Strict: true);

        // Act
        var verdict = policy.Judge(level, rule);

        // Assert
        verdict.Should().Be(FindingVerdict.Failure);
    }

    [Fact]
    public void Judge_MayFinding_IsInformationalEvenWhenStrict()
    {
        // Arrange
        var policy = new ProfilePolicy(RunProfile.Runtime, Strict: true);

        // Act
        var verdict = policy.Judge(RuleLevel.May, "P31");

        // Assert
        verdict.Should().Be(FindingVerdict.Info);
    }
}
