using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Reporting;

public sealed class ReportMergerTests
{
    private static readonly string[] Planned = ["version.reply [1.0.0]", "del.twice [1.0.0]", "add.ifname [1.0.0]"];

    private static RunReport Shard(int k, ContractTally tally, params CheckResult[] results) => Builders.Report([.. results,
        .. ContractCollector.Results(tally, ProfilePolicy.Default)]) with
    {
        Shard = new ShardSpec(k, 2),
        Planned = Planned,
        Contract = tally,
    };

    [Fact]
    public void Merge_TwoShardsThroughJson_GivesPlanOrderAndJudgesTheContractOverAllCalls()
    {
        // Arrange: each shard saw one call; only shard 2's broke a contract rule.
        var violation = new ContractEntry("add.ifname", Builders.Record("ADD"),
            new ContractViolation(Harness.Contract.OutputContract.Rules[0].Id, Harness.Contract.OutputContract.Rules[0].ChecklistId, RuleLevel.Must, "bad output"));
        var one = Shard(1, new ContractTally(1, []), Builders.Result("del.twice", CheckOutcome.Failed, message: "boom"));
        var two = Shard(2, new ContractTally(1, [violation]), Builders.Result("version.reply"), Builders.Result("add.ifname"));
        static RunReport RoundTrip(RunReport r) => JsonReportReader.Parse(JsonNode.Parse(JsonReportWriter.ToJson(r).ToJsonString())!.AsObject());

        // Act
        var merged = ReportMerger.Merge([RoundTrip(two), RoundTrip(one)]);

        // Assert
        merged.Shard.Should().BeNull();
        merged.Results.Where(r => !r.Id.StartsWith("contract.")).Select(r => (r.Label, r.Outcome)).Should().Equal(
            ("version.reply [1.0.0]", CheckOutcome.Passed), ("del.twice [1.0.0]", CheckOutcome.Failed), ("add.ifname [1.0.0]", CheckOutcome.Passed));
        var rule = merged.Results.Single(r => r.Id == "contract." + Harness.Contract.OutputContract.Rules[0].Id);
        rule.Outcome.Should().Be(CheckOutcome.Failed);
        merged.Results.Where(r => r.Id.StartsWith("contract.") && r.Outcome == CheckOutcome.Passed)
            .Should().OnlyContain(r => r.Message == "kept in all 2 calls of the plugin");
    }

    [Fact]
    public void Merge_MissingShard_SaysWhich()
    {
        var one = Shard(1, new ContractTally(0, []), Builders.Result("del.twice"));

        var act = () => ReportMerger.Merge([one]);

        act.Should().Throw<InvalidOperationException>().WithMessage("shard 2/2 missing");
    }

    [Fact]
    public void Merge_ShardsOfDifferentRuns_AreRefused()
    {
        var one = Shard(1, new ContractTally(0, []), Builders.Result("del.twice"));
        var two = Shard(2, new ContractTally(0, []), Builders.Result("version.reply"), Builders.Result("add.ifname")) with { Plugin = "/other" };

        var act = () => ReportMerger.Merge([one, two]);

        act.Should().Throw<InvalidOperationException>().WithMessage("*not from the same run*");
    }
}
