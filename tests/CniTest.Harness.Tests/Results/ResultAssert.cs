using System.Text.Json.Nodes;
using CniTest.Harness.Results;
using FluentAssertions;

namespace CniTest.Harness.Tests.Results;

/// <summary>
/// Semantic comparisons for results: JSON by structure (key order and whitespace ignored, checklist §5.15 "don't
/// use byte equality"), typed results member by member (records would otherwise compare their lists by reference).
/// </summary>
internal static class ResultAssert
{
    public static void JsonEquivalent(JsonNode actual, string expectedJson)
    {
        var expected = JsonNode.Parse(expectedJson);
        JsonNode.DeepEquals(actual, expected).Should().BeTrue(
            "the JSON should be\n{0}\nbut was\n{1}", expected?.ToJsonString(), actual.ToJsonString());
    }

    public static void SameResult(ICniResult actual, ICniResult expected)
    {
        actual.Should().BeOfType(expected.GetType());
        actual.Should().BeEquivalentTo(expected, o => o.RespectingRuntimeTypes().ComparingRecordsByMembers().WithStrictOrdering());
    }
}
