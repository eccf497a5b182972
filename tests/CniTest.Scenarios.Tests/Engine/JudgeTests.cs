using CniTest.Harness.Contract;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Engine;

public sealed class JudgeTests
{
    [Fact]
    public void Judge_NoFindings_PassesWithTheNotesAndTheCheckRule()
    {
        // Arrange
        var check = Builders.Planned(Builders.Definition(rule: "P26"));

        // Act
        var result = SuiteRunner.Judge(ProfilePolicy.Default, check, [], ["both DELs succeeded"], [], null, TimeSpan.FromMilliseconds(5));

        // Assert
        result.Outcome.Should().Be(CheckOutcome.Passed);
        result.IsWarning.Should().BeFalse();
        result.Rule.Should().Be("P26");
        result.Message.Should().Be("both DELs succeeded");
    }

    [Fact]
    public void Judge_FailureAmongWarnings_FailsCitingTheFailingRule()
    {
        // Arrange
        var check = Builders.Planned(Builders.Definition(rule: "P1"));
        Finding[] findings = [new("P3", RuleLevel.Should, "no cniVersion"), new("P2", RuleLevel.Should, "no error object")];

        // Act
        var result = SuiteRunner.Judge(ProfilePolicy.Default, check, findings, [], [], null, TimeSpan.Zero);

        // Assert
        result.Outcome.Should().Be(CheckOutcome.Failed);
        result.Rule.Should().Be("P2");
        result.Level.Should().Be(RuleLevel.Should);
        result.Message.Should().StartWith("no error object");
    }

    [Fact]
    public void Judge_OnlyShouldFindingUnderSpecProfile_PassesWithWarning()
    {
        // Arrange
        var check = Builders.Planned(Builders.Definition(rule: "P27", level: RuleLevel.Should));
        Finding[] findings = [new("P27", RuleLevel.Should, "DEL with CNI_NETNS empty failed")];

        // Act
        var result = SuiteRunner.Judge(new ProfilePolicy(RunProfile.Spec, false), check, findings, [], [], null, TimeSpan.Zero);

        // Assert
        result.Outcome.Should().Be(CheckOutcome.Passed);
        result.IsWarning.Should().BeTrue();
        result.Rule.Should().Be("P27");
    }
}
