using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Schemas.Tests.Fixtures;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Contract;

/// <summary>
/// The real outputs captured from Debian's reference plugins (fixtures/schemas/*/result/valid/debian-*), replayed
/// as ADD calls: a reference plugin that the spec calls correct breaks no MUST or SHOULD rule.
/// </summary>
public sealed class DebianOutputTests
{
    public static TheoryData<string> DebianResults() =>
        [.. SchemaFixture.All().Where(f => f.Valid && f.Kind is Harness.Schemas.SchemaKind.Result && Path.GetFileName(f.File).StartsWith("debian-", StringComparison.Ordinal)).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(DebianResults))]
    public void Check_DebianAddResult_BreaksNoMustOrShouldRule(string name)
    {
        // Arrange: CNI_NETNS is the sandbox the capture ran with
        var fixture = SchemaFixture.All().Single(f => f.Name == name);
        var stdout = File.ReadAllText(fixture.File);
        var netns = (JsonNode.Parse(stdout)!["interfaces"] as JsonArray)?
            .Select(i => i?["sandbox"]?.GetValue<string>()).FirstOrDefault(s => s is not null) ?? Records.Netns;
        var record = Records.Call(CniCommand.Add, stdout, netns: netns);

        // Act
        var violations = OutputContract.Check(record, fixture.Version);

        // Assert
        violations.Where(v => v.Level is RuleLevel.Must or RuleLevel.Should).Should().BeEmpty();
    }
}
