using CniTest.Harness.Errors;
using CniTest.Harness.Operations;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Operations;

/// <summary>Names the runtime refuses before any plugin runs (R9–R11).</summary>
public sealed class NameValidationTests
{
    [Theory]
    [InlineData("", CniErrorCodes.UnknownContainer)]
    [InlineData("has space", CniErrorCodes.InvalidEnvironmentVariables)]
    [InlineData("-leading-dash", CniErrorCodes.InvalidEnvironmentVariables)]
    public void ValidateContainerId_Invalid_UsesLibcnisCode(string id, uint code)
    {
        var act = () => NameValidation.ValidateContainerId(id);
        act.Should().Throw<RuntimeValidationException>().Which.Error.Code.Should().Be(code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0123456789abcdef")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("eth/0")]
    [InlineData("eth:0")]
    [InlineData("eth 0")]
    [InlineData("eth\u00a00")]
    [InlineData("ééééééééé")]
    public void ValidateInterfaceName_Invalid_IsCode4(string name)
    {
        var act = () => NameValidation.ValidateInterfaceName(name);
        act.Should().Throw<RuntimeValidationException>().Which.Error.Code.Should().Be(CniErrorCodes.InvalidEnvironmentVariables);
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("0123456789abcde")]
    [InlineData("net1.100")]
    public void ValidateInterfaceName_Valid_Passes(string name)
    {
        var act = () => NameValidation.ValidateInterfaceName(name);
        act.Should().NotThrow();
    }

    [Theory]
    [InlineData("", "missing network name")]
    [InlineData("my net", "invalid characters found in network name")]
    [InlineData("_net", "invalid characters found in network name")]
    public void ValidateNetworkName_Invalid_IsCode7(string name, string msg)
    {
        var act = () => NameValidation.ValidateNetworkName(name);
        var error = act.Should().Throw<RuntimeValidationException>().Which.Error;
        error.Code.Should().Be(CniErrorCodes.InvalidNetworkConfig);
        error.Msg.Should().Be(msg);
    }
}
