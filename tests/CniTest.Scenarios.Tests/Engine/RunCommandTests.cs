using CniTest.Cli;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Engine;

/// <summary>The command-line contract of <c>cnitest run</c>: usage and environment problems are exit 2 with one line.</summary>
public sealed class RunCommandTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("run --plugin /usr/lib/cni/bridge --role router")]
    [InlineData("run --plugin /usr/lib/cni/bridge --profile loose")]
    [InlineData("run --plugin /usr/lib/cni/bridge --jobs 0")]
    [InlineData("run --plugin /usr/lib/cni/bridge --timeout -1")]
    [InlineData("run --plugin /usr/lib/cni/bridge --ip-family ipv5")]
    public async Task RunAsync_BadUsage_ExitsTwo(string args)
    {
        // Arrange
        var (ctx, _, error) = Context();

        // Act
        var exit = await CliApp.RunAsync(args.Split(' '), ctx);

        // Assert
        exit.Should().Be(ExitCodes.UsageOrEnvironment);
        error.ToString().Should().StartWith("cnitest: ");
    }

    [Fact]
    public async Task RunAsync_MissingPluginBinary_ExitsTwoWithOneLineReason()
    {
        // Arrange
        var (ctx, output, error) = Context();

        // Act
        var exit = await CliApp.RunAsync(["run", "--plugin", "/nonexistent/cnitest-no-such-plugin"], ctx);

        // Assert
        exit.Should().Be(ExitCodes.UsageOrEnvironment);
        error.ToString().Trim().Split('\n').Should().ContainSingle()
            .Which.Should().Match(l => l.Contains("no plugin binary at /nonexistent/cnitest-no-such-plugin") || l.Contains("needs root"));
        output.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task Help_RunCommand_ListsTheContractOptions()
    {
        // Arrange
        var (ctx, output, _) = Context();

        // Act
        await CliApp.RunAsync(["run", "--help"], ctx);

        // Assert
        foreach (var option in new[] { "--plugin", "--role", "--config", "--cni-version", "--timeout", "--profile", "--strict", "--report", "--junit", "--filter", "--jobs", "--ip-family", "--runtime" })
        {
            output.ToString().Should().Contain(option);
        }
    }

    [Fact]
    public async Task Run_UnknownRuntime_IsAUsageErrorNamingTheChoices()
    {
        // Arrange
        var (ctx, _, error) = Context();

        // Act
        var code = await CliApp.RunAsync(["run", "--runtime", "docker"], ctx);

        // Assert
        code.Should().Be(ExitCodes.UsageOrEnvironment);
        error.ToString().Should().Contain("containerd").And.Contain("podman");
    }

    private static (CliContext Ctx, StringWriter Out, StringWriter Error) Context()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(_ => null, output, error), output, error);
    }
}
