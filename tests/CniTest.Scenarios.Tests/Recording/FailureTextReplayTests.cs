using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Recording;

/// <summary>The failure block names <c>cnitest replay</c> with <c>--record</c>, and says how to get it without.</summary>
public sealed class FailureTextReplayTests
{
    [Fact]
    public void For_RecordedCheck_NamesTheReplayCommand()
    {
        var result = Builders.Result("del.twice", CheckOutcome.Failed, message: "second DEL failed") with { ReplayCommand = "cnitest replay /tmp/d --check del.twice@1.0.0" };

        FailureText.For(result).Should().Contain("replay the whole check (every call and drift step, in a fresh fake host): cnitest replay /tmp/d --check del.twice@1.0.0");
    }

    [Fact]
    public void For_UnrecordedCheck_SuggestsRecord()
    {
        var result = Builders.Result("del.twice", CheckOutcome.Failed, message: "second DEL failed");

        FailureText.For(result).Should().Contain("run again with --record DIR, then: cnitest replay DIR --check del.twice@1.0.0");
    }

    [Fact]
    public void For_ContractResult_SuggestsNoCheckReplay()
    {
        var result = Builders.Result("contract.result.schema", CheckOutcome.Failed, message: "bad result");

        FailureText.For(result).Should().NotContain("cnitest replay");
    }
}
