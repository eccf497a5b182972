using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Schemas.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Contract;

/// <summary>error.exit-code (P1), error.object-present (P2), error.schema (P2), error.code-defined (P5), error.cni-version (P3).</summary>
public sealed class ErrorRuleTests
{
    private const string GoodError = """{"cniVersion":"1.1.0","code":7,"msg":"invalid network config","details":"no bridge"}""";

    [Fact]
    public void Check_ErrorObjectWithExitZero_ViolatesExitCode()
    {
        var violations = OutputContract.Check(Records.Add(GoodError, exitCode: 0), "1.1.0");

        violations.ShouldHaveOne("error.exit-code", RuleLevel.Must, "exited 0");
    }

    [Fact]
    public void Check_ErrorObjectWithNonZeroExit_KeepsExitCode()
    {
        var violations = OutputContract.Check(Records.Add(GoodError, exitCode: 1), "1.1.0");

        violations.ShouldHaveNone("error.exit-code");
        violations.Should().BeEmpty();
    }

    [Theory]
    [InlineData("", "1.1.0", RuleLevel.Should)] // cni#732: "failed with no error message"
    [InlineData("panic: runtime error", "1.0.0", RuleLevel.Should)]
    [InlineData("", "0.4.0", RuleLevel.Must)] // MUST in 0.4.0 (errata "Levels by version")
    [InlineData("""{"cniVersion":"0.3.1","ips":[]}""", "0.3.1", RuleLevel.Must)]
    public void Check_FailureWithoutErrorObject_ViolatesObjectPresent(string stdout, string version, RuleLevel level)
    {
        var violations = OutputContract.Check(Records.Add(stdout, exitCode: 1), version);

        violations.ShouldHaveOne("error.object-present", level);
    }

    [Fact]
    public void Check_ErrorObjectFollowedBySecondDocument_ViolatesObjectPresent()
    {
        var violations = OutputContract.Check(Records.Add(GoodError + GoodError, exitCode: 1), "1.1.0");

        violations.ShouldHaveOne("error.object-present", RuleLevel.Should, "2 JSON documents");
    }

    [Fact]
    public void Check_TimedOutCall_IsNotJudgedOnItsOutput()
    {
        var record = Records.Add("") with { ExitCode = 137, TimedOut = true };

        var violations = OutputContract.Check(record, "1.1.0");

        violations.Should().BeEmpty();
    }

    [Fact]
    public void Check_ErrorObjectWithWrongTypes_ViolatesErrorSchemaWithPaths()
    {
        var violations = OutputContract.Check(Records.Add("""{"cniVersion":"1.1.0","code":7,"msg":7,"details":{"a":1}}""", exitCode: 1), "1.1.0");

        violations.Of("error.schema").Should().HaveCount(2);
        violations.Of("error.schema").Select(v => v.Message).Should().Contain(m => m.Contains("msg:")).And.Contain(m => m.Contains("details:"));
    }

    [Fact]
    public void Check_ErrorObjectOfUnknownRequestVersion_IsValidatedAgainstTheCurrentSchema()
    {
        // The P13 probe sends a version no schema exists for; the error still has a shape to check.
        var violations = OutputContract.Check(Records.Add("""{"code":1,"msg":"incompatible CNI versions"}""", exitCode: 1), "99.0.0");

        violations.ShouldHaveNone("error.schema");
    }

    [Theory]
    [InlineData(0u, "1.1.0", RuleLevel.Should)]
    [InlineData(9u, "1.0.0", RuleLevel.Should)]
    [InlineData(52u, "1.1.0", RuleLevel.Should)]
    [InlineData(12u, "0.4.0", RuleLevel.Must)]
    [InlineData(8u, "1.1.0", RuleLevel.GoOnly)] // skel's ErrInvalidNetNS
    public void Check_ReservedUndefinedCode_ViolatesCodeDefined(uint code, string version, RuleLevel level)
    {
        var violations = OutputContract.Check(Records.Add($$"""{"code":{{code}},"msg":"x"}""", exitCode: 1), version);

        violations.ShouldHaveOne("error.code-defined", level, $"code {code}");
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(7u)]
    [InlineData(11u)]
    [InlineData(50u)]
    [InlineData(51u)]
    [InlineData(100u)]
    [InlineData(999u)]
    public void Check_DefinedOrPluginSpecificCode_KeepsCodeDefined(uint code)
    {
        var violations = OutputContract.Check(Records.Add($$"""{"cniVersion":"1.1.0","code":{{code}},"msg":"x"}""", exitCode: 1), "1.1.0");

        violations.ShouldHaveNone("error.code-defined");
    }

    [Fact]
    public void Check_ErrorWithoutCniVersion_ViolatesErrorCniVersion()
    {
        // Go's skel never writes cniVersion into errors (checklist P3).
        var violations = OutputContract.Check(Records.Add("""{"code":4,"msg":"required env variables [CNI_NETNS] missing"}""", exitCode: 1), "1.0.0");

        violations.ShouldHaveOne("error.cni-version", RuleLevel.Should);
    }

    [Fact]
    public void Check_ErrorWithCniVersion_KeepsErrorCniVersion()
    {
        var violations = OutputContract.Check(Records.Add(GoodError, exitCode: 1), "1.1.0");

        violations.ShouldHaveNone("error.cni-version");
    }
}
