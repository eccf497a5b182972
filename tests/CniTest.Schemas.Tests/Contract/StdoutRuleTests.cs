using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Contract;

/// <summary>add.result-present (P14), stdout.single-document (P14, cni#571) and the empty-stdout rules (P31, P36, P41, P44).</summary>
public sealed class StdoutRuleTests
{
    [Fact]
    public void Check_AddSucceedsWithEmptyStdout_ViolatesResultPresent()
    {
        // Act
        var violations = OutputContract.Check(Records.Add(""), "1.1.0");

        // Assert
        violations.ShouldHaveOne("add.result-present", RuleLevel.Must);
    }

    [Fact]
    public void Check_AddSucceedsWithResult_KeepsResultPresent()
    {
        var violations = OutputContract.Check(Records.Add(Records.BridgeResult()), "1.1.0");

        violations.ShouldHaveNone("add.result-present");
    }

    [Fact]
    public void Check_AddPrintsTwoDocuments_ViolatesSingleDocument()
    {
        // Arrange: a result followed by a debug object, as in cni#571
        var record = Records.Add(Records.BridgeResult() + "\n{\"debug\":true}\n");

        // Act
        var violations = OutputContract.Check(record, "1.1.0");

        // Assert
        violations.ShouldHaveOne("stdout.single-document", RuleLevel.Must, "2 JSON documents");
    }

    [Fact]
    public void Check_VersionPrintsLogLineAfterReply_ViolatesSingleDocument()
    {
        var record = Records.Call(CniCommand.Version, "{\"cniVersion\":\"1.1.0\",\"supportedVersions\":[\"1.1.0\"]}\nstarting up\n");

        var violations = OutputContract.Check(record, "1.1.0");

        violations.ShouldHaveOne("stdout.single-document", RuleLevel.Must, "not JSON");
    }

    [Fact]
    public void Check_AddPrintsOneDocumentWithTrailingNewline_KeepsSingleDocument()
    {
        var violations = OutputContract.Check(Records.Add(Records.BridgeResult() + "\n\n"), "1.1.0");

        violations.ShouldHaveNone("stdout.single-document");
    }

    [Theory]
    [InlineData(CniCommand.Del, "del.empty-stdout", "1.1.0", RuleLevel.May)]
    [InlineData(CniCommand.Check, "check.empty-stdout", "1.1.0", RuleLevel.May)]
    [InlineData(CniCommand.Check, "check.empty-stdout", "0.4.0", RuleLevel.Must)]
    [InlineData(CniCommand.Gc, "gc.empty-stdout", "1.1.0", RuleLevel.Should)]
    [InlineData(CniCommand.Status, "status.empty-stdout", "1.1.0", RuleLevel.May)]
    public void Check_SuccessfulCommandPrintsSomething_ViolatesEmptyStdoutAtTheChecklistLevel(string command, string ruleId, string version, RuleLevel level)
    {
        // Arrange: the noop test plugin prints "{}" for every verb (checklist §3.11)
        var record = Records.Call(command, "{}\n");

        // Act
        var violations = OutputContract.Check(record, version);

        // Assert
        violations.ShouldHaveOne(ruleId, level);
    }

    [Theory]
    [InlineData(CniCommand.Del, "del.empty-stdout")]
    [InlineData(CniCommand.Check, "check.empty-stdout")]
    [InlineData(CniCommand.Gc, "gc.empty-stdout")]
    [InlineData(CniCommand.Status, "status.empty-stdout")]
    public void Check_SuccessfulCommandPrintsNothing_KeepsEmptyStdout(string command, string ruleId)
    {
        var violations = OutputContract.Check(Records.Call(command, ""), "1.1.0");

        violations.ShouldHaveNone(ruleId);
        violations.Should().BeEmpty();
    }
}
