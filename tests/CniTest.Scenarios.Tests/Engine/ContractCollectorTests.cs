using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Engine;

public sealed class ContractCollectorTests
{
    [Fact]
    public void Results_CleanCalls_PassEveryRule()
    {
        // Arrange
        var collector = new ContractCollector();
        collector.Observe("del.twice", Builders.Record("DEL"), "1.0.0", delegatedIpam: false);

        // Act
        var results = collector.Results(ProfilePolicy.Default);

        // Assert
        results.Should().OnlyContain(r => r.Outcome == CheckOutcome.Passed && !r.IsWarning);
        results.Should().Contain(r => r.Id == "contract.plugin.no-crash");
    }

    [Fact]
    public void Results_CrashedCall_FailsTheCrashRuleUnderP2()
    {
        // Arrange
        var collector = new ContractCollector();
        var crash = Builders.Record("ADD", exit: 139, signal: 11);
        collector.Observe("add.ifname", crash, "1.0.0", delegatedIpam: false);

        // Act
        var result = collector.Results(ProfilePolicy.Default).Single(r => r.Id == "contract.plugin.no-crash");

        // Assert
        result.Outcome.Should().Be(CheckOutcome.Failed);
        result.Rule.Should().Be("P2");
        result.Message.Should().Contain("SIGSEGV").And.Contain("[add.ifname, ADD]");
        result.Invocations.Should().ContainSingle().Which.Should().BeSameAs(crash);
    }

    [Fact]
    public void Results_CallKilledAfterTimeout_IsNoCrash()
    {
        // Arrange
        var collector = new ContractCollector();
        collector.Observe("del.twice", Builders.Record("DEL", exit: 137, signal: 9, timedOut: true), "1.0.0", delegatedIpam: false);

        // Act
        var result = collector.Results(ProfilePolicy.Default).Single(r => r.Id == "contract.plugin.no-crash");

        // Assert
        result.Outcome.Should().Be(CheckOutcome.Passed);
    }

    [Fact]
    public void Results_ErrorObjectWithExitZero_FailsTheExitCodeRule()
    {
        // Arrange
        var collector = new ContractCollector();
        collector.Observe("bad-input.empty-stdin", Builders.Record("ADD", stdout: "{\"code\":6,\"msg\":\"decode\"}", exit: 0), "1.0.0", false);

        // Act
        var result = collector.Results(ProfilePolicy.Default).Single(r => r.Id == "contract.error.exit-code");

        // Assert
        result.Outcome.Should().Be(CheckOutcome.Failed);
        result.Rule.Should().Be("P1");
    }

    [Fact]
    public void ChecklistIdOf_ContractResultId_IsTheRuleChecklistId()
    {
        // Act
        var id = ContractCollector.ChecklistIdOf("contract.result.cni-version");

        // Assert
        id.Should().Be("P15");
    }
}
