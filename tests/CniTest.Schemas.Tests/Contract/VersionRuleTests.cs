using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Contract;

/// <summary>version.schema (P10), version.reply-version (P11), version.supported-versions (P12).</summary>
public sealed class VersionRuleTests
{
    private static IReadOnlyList<ContractViolation> Reply(string stdout, string requestVersion = "1.1.0") =>
        OutputContract.Check(Records.Call(CniCommand.Version, stdout, stdin: $$"""{"cniVersion":"{{requestVersion}}"}"""), requestVersion);

    [Fact]
    public void Check_ReplyWithoutCniVersion_ViolatesVersionSchema()
    {
        var violations = Reply("""{"supportedVersions":["1.1.0"]}""");

        violations.ShouldHaveOne("version.schema", RuleLevel.Must, "cniVersion");
    }

    [Fact]
    public void Check_WellFormedReply_HasNoViolations()
    {
        var violations = Reply("""{"cniVersion":"1.1.0","supportedVersions":["0.4.0","1.0.0","1.1.0"]}""");

        violations.Should().BeEmpty();
    }

    [Fact]
    public void Check_ReplyInTheLibraryVersion_IsAGoOnlyDeviation()
    {
        // What every Debian plugin does: asked 1.1.0, answers its library's 1.0.0 (checklist P11, cni#826).
        var violations = Reply("""{"cniVersion":"1.0.0","supportedVersions":["0.1.0","0.2.0","0.3.0","0.3.1","0.4.0","1.0.0"]}""");

        violations.ShouldHaveOne("version.reply-version", RuleLevel.GoOnly);
    }

    [Fact]
    public void Check_ReplyInAnotherVersion_ViolatesReplyVersion()
    {
        var violations = Reply("""{"cniVersion":"0.4.0","supportedVersions":["0.4.0","1.0.0","1.1.0"]}""");

        violations.ShouldHaveOne("version.reply-version", RuleLevel.Must, "answered \"0.4.0\"");
    }

    [Fact]
    public void Check_ZeroXRequest_DoesNotApplyReplyVersion()
    {
        // In 0.x VERSION takes no input (errata P11).
        var violations = Reply("""{"cniVersion":"1.0.0","supportedVersions":["0.4.0","1.0.0"]}""", requestVersion: "0.4.0");

        violations.ShouldHaveNone("version.reply-version");
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.1.0"}""", RuleLevel.Must, "no supportedVersions")]
    [InlineData("""{"cniVersion":"1.1.0","supportedVersions":"1.1.0"}""", RuleLevel.Must, "not an array")]
    [InlineData("""{"cniVersion":"1.1.0","supportedVersions":[]}""", RuleLevel.Should, "empty")]
    [InlineData("""{"cniVersion":"1.1.0","supportedVersions":["1.1.0","1.1"]}""", RuleLevel.Must, "supportedVersions[1]")]
    [InlineData("""{"cniVersion":"1.1.0","supportedVersions":[110]}""", RuleLevel.Must, "supportedVersions[0]")]
    public void Check_BadSupportedVersions_ViolatesSupportedVersions(string stdout, RuleLevel level, string message)
    {
        var violations = Reply(stdout);

        violations.ShouldHaveOne("version.supported-versions", level, message);
        violations.ShouldHaveNone("version.schema"); // reported once, by P12
    }

    [Fact]
    public void Check_ZeroTwoReplyWithoutList_KeepsSupportedVersions()
    {
        var violations = Reply("""{"cniVersion":"0.2.0"}""", requestVersion: "0.2.0");

        violations.Should().BeEmpty();
    }
}
