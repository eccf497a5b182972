using CniTest.Harness.Contract;
using FluentAssertions;

namespace CniTest.Schemas.Tests.Contract;

internal static class ContractAssertions
{
    /// <summary>The violations of <paramref name="ruleId"/> only.</summary>
    public static IReadOnlyList<ContractViolation> Of(this IReadOnlyList<ContractViolation> violations, string ruleId) =>
        [.. violations.Where(v => v.RuleId == ruleId)];

    public static void ShouldHaveOne(this IReadOnlyList<ContractViolation> violations, string ruleId, RuleLevel level, string? containing = null)
    {
        var matching = violations.Of(ruleId);
        matching.Should().ContainSingle($"all violations: {string.Join(" | ", violations)}");
        matching[0].Level.Should().Be(level);
        if (containing is not null)
        {
            matching[0].Message.Should().Contain(containing);
        }
    }

    public static void ShouldHaveNone(this IReadOnlyList<ContractViolation> violations, string ruleId) =>
        violations.Of(ruleId).Should().BeEmpty($"all violations: {string.Join(" | ", violations)}");
}
