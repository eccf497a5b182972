using CniTest.Harness.Contract;
using CniTest.Scenarios.Checks;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Engine;

public sealed class ShardSpecTests
{
    /// <summary>The real catalogue's plan for an interface plugin at two versions: what users shard.</summary>
    private static IReadOnlyList<PlannedCheck> RealPlan() => Planner.Expand(Plans.Of(), CheckCatalog.All, null);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Assign_RealPlan_RunsEveryCheckExactlyOnce(int count)
    {
        // Arrange
        var plan = RealPlan();

        // Act
        var parts = Enumerable.Range(1, count).Select(k => new ShardSpec(k, count).Select(plan)).ToList();

        // Assert
        parts.SelectMany(p => p.Select(c => c.Label)).Should().BeEquivalentTo(plan.Select(c => c.Label));
        parts.Sum(p => p.Count).Should().Be(plan.Count);
    }

    [Fact]
    public void Assign_RealPlan_IsBalancedOnWeight()
    {
        // Arrange
        var plan = RealPlan();

        // Act
        var shardOf = ShardSpec.Assign(plan, 3);
        var loads = Enumerable.Range(1, 3).Select(k => plan.Where((_, i) => shardOf[i] == k).Sum(c => Math.Max(1, c.SkipReason is null ? c.Definition.Weight : 0))).ToList();

        // Assert: greedy on the heaviest first leaves the shards at most one check's weight apart.
        (loads.Max() - loads.Min()).Should().BeLessThanOrEqualTo(plan.Max(c => c.Definition.Weight));
    }

    [Fact]
    public void Assign_SamePlanInAnotherOrder_GivesEveryCheckTheSameShard()
    {
        // Arrange: another machine builds the same plan; even if its list came out in another order, the shards agree.
        var plan = RealPlan();
        var shuffled = plan.OrderBy(c => c.Label.GetHashCode(StringComparison.Ordinal) ^ 0x5bd1e995).ToList();

        // Act
        var a = ShardSpec.Assign(plan, 4);
        var b = ShardSpec.Assign(shuffled, 4);

        // Assert
        var byLabelA = plan.Select((c, i) => (c.Label, a[i])).ToDictionary(x => x.Label, x => x.Item2);
        shuffled.Select((c, i) => (c.Label, b[i])).Should().OnlyContain(x => byLabelA[x.Label] == x.Item2);
    }

    [Fact]
    public void Assign_KnownPlan_IsPinned()
    {
        // Arrange: weights 5, 3, 2, 2, 1 over two shards; pinned so that a change of the algorithm (which would move
        // checks between machines of a running matrix) is a conscious one.
        var plan = new[] { ("a", 2), ("b", 5), ("c", 1), ("d", 3), ("e", 2) }
            .Select(x => Builders.Planned(Builders.Definition(x.Item1) with { Weight = x.Item2 })).ToList();

        // Act
        var shardOf = ShardSpec.Assign(plan, 2);

        // Assert: b(5)→1, d(3)→2, a(2)→2, e(2)→1, c(1)→2: loads 7 and 6.
        shardOf.Should().Equal(2, 1, 2, 2, 1);
    }

    [Theory]
    [InlineData("1/3", 1, 3)]
    [InlineData("3/3", 3, 3)]
    [InlineData("1/1", 1, 1)]
    public void Parse_Valid(string text, int k, int n) => ShardSpec.Parse(text, out _).Should().Be(new ShardSpec(k, n));

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("-1/3")]
    [InlineData("a/b")]
    public void Parse_Invalid_SaysWhy(string text)
    {
        ShardSpec.Parse(text, out var error).Should().BeNull();
        error.Should().Contain("K/N");
    }
}
