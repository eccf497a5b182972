using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Engine;

public sealed class PlannerTests
{
    [Fact]
    public void Expand_EachVersionCheck_RunsOncePerMatrixVersionWithItsSkipReason()
    {
        // Arrange
        var plan = Plans.Of(matrix: [("0.2.0", "chaining (prevResult) exists from 0.3.0 on"), ("1.0.0", null)]);
        var def = Builders.Definition("version.matrix", "P13", scope: VersionScope.EachVersion);

        // Act
        var planned = Planner.Expand(plan, [def], null);

        // Assert
        planned.Select(p => (p.Version, p.SkipReason)).Should().Equal(("0.2.0", "chaining (prevResult) exists from 0.3.0 on"), ("1.0.0", null));
    }

    [Fact]
    public void Expand_CheckForAnotherRole_IsLeftOut()
    {
        // Arrange
        var plan = Plans.Of(role: PluginRole.Ipam);
        var def = Builders.Definition("chain.keeps-prevresult", "P21", roles: CheckDefinition.Only(PluginRole.Chained));

        // Act
        var planned = Planner.Expand(plan, [def], null);

        // Assert
        planned.Should().BeEmpty();
    }

    [Fact]
    public void Expand_OnceCheck_ReportsNoVersion()
    {
        // Arrange
        var plan = Plans.Of(deep: ["0.4.0"]);
        var def = Builders.Definition("version.reply", "P10", scope: VersionScope.Once);

        // Act
        var planned = Planner.Expand(plan, [def], null).Single();

        // Assert
        planned.Version.Should().Be("0.4.0");
        planned.ReportVersion.Should().BeNull();
    }

    [Theory]
    [InlineData("del.", new[] { "del.twice", "del.netns-empty" })]
    [InlineData("P27", new[] { "del.netns-empty" })]
    [InlineData("p2", new[] { "bad-input.empty-stdin" })]
    [InlineData("twice, add.", new[] { "del.twice", "add.ifname" })]
    public void Expand_Filter_MatchesIdTextOrEnforcedChecklistId(string filter, string[] expected)
    {
        // Arrange
        var plan = Plans.Of();
        CheckDefinition[] catalog =
        [
            Builders.Definition("del.twice", "P26"),
            Builders.Definition("del.netns-empty", "P27"),
            Builders.Definition("bad-input.empty-stdin", "P1", alsoReports: ["P2", "P5"]),
            Builders.Definition("add.ifname", "P20"),
        ];

        // Act
        var planned = Planner.Expand(plan, catalog, filter);

        // Assert
        planned.Select(p => p.Definition.Id).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Expand_SkipWhen_GivesTheReasonPerVersion()
    {
        // Arrange
        var plan = Plans.Of(deep: ["0.3.1"]);
        var def = Builders.Definition("check.after-add", "P32", skipWhen: (_, v) => v == "0.3.1" ? "CHECK exists from 0.4.0 on" : null);

        // Act
        var planned = Planner.Expand(plan, [def], null).Single();

        // Assert
        planned.SkipReason.Should().Be("CHECK exists from 0.4.0 on");
    }
}
