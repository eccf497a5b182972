using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;
using FluentAssertions;
using Xunit;

namespace CniTest.Plugins.Tests.Sdk;

/// <summary>Go <c>types.LoadArgs</c> semantics (P49).</summary>
public sealed class CniArgsTests
{
    private static readonly string[] Known = ["IP", "K8S_POD_NAME"];

    [Fact]
    public void Parse_KnownKeys_ReturnsValues()
    {
        var args = CniArgs.Parse("IP=10.0.0.9;K8S_POD_NAME=", Known);

        args["IP"].Should().Be("10.0.0.9");
        args["K8S_POD_NAME"].Should().BeEmpty();
    }

    [Theory]
    [InlineData("FOO=BAR")]
    [InlineData("ip=10.0.0.9")]
    [InlineData("IgnoreUnknown=0;FOO=BAR")]
    [InlineData("IP=a=b")]
    [InlineData("IP=1;")]
    [InlineData("IP")]
    public void Parse_UnknownOrMalformed_FailsWithCode4(string text)
    {
        var act = () => CniArgs.Parse(text, Known);

        act.Should().Throw<CniPluginException>().Which.Code.Should().Be(CniErrorCodes.InvalidEnvironmentVariables);
    }

    [Theory]
    [InlineData("IgnoreUnknown=1;FOO=BAR;IP=10.0.0.9")]
    [InlineData("FOO=BAR;IgnoreUnknown=TRUE;IP=10.0.0.9")]
    public void Parse_IgnoreUnknown_DropsUnknownKeys(string text)
    {
        var args = CniArgs.Parse(text, Known);

        args.Values.Should().BeEquivalentTo(new Dictionary<string, string> { ["IP"] = "10.0.0.9" });
    }

    [Fact]
    public void Parse_Empty_IsEmpty()
    {
        CniArgs.Parse("", Known).Values.Should().BeEmpty();
    }
}
