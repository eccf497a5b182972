using System.Diagnostics;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Sandbox;

/// <summary>
/// The helper-command runner: a tool started for a namespace is born in it (what HelperCommand relies on CliWrap
/// for, so an upgrade that started processes later would fail here), a missing tool is an environment problem, and
/// cancelling kills the tool.
/// </summary>
public sealed class HelperCommandTests
{
    [PrivilegedFact(RootOnly = true)]
    public async Task RunCheckedAsync_InANamespace_ToolRunsInThatNamespace()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var host = await TestHosts.CreateAsync("cnitest-st-", ct: ct);
        try
        {
            var inode = (await HelperCommand.RunCheckedAsync(null, "stat", ["-L", "-c", "%i", host.NetnsPath], ct: ct)).Trim();

            // Act
            var inside = (await HelperCommand.RunCheckedAsync(host.NetnsPath, "readlink", ["/proc/self/ns/net"], ct: ct)).Trim();
            var outside = (await HelperCommand.RunCheckedAsync(null, "readlink", ["/proc/self/ns/net"], ct: ct)).Trim();

            // Assert
            inside.Should().Be($"net:[{inode}]");
            outside.Should().NotBe(inside);
        }
        finally
        {
            host.Dispose();
        }
    }

    [Fact]
    public async Task RunAsync_ToolNotInstalled_IsAnEnvironmentProblem()
    {
        // Act
        var act = () => HelperCommand.RunAsync(null, "cnitest-no-such-tool", [], ct: TestContext.Current.CancellationToken);

        // Assert
        (await act.Should().ThrowAsync<EnvironmentProblemException>()).Which.Message.Should().StartWith("cannot run cnitest-no-such-tool");
    }

    [Fact]
    public async Task RunCheckedAsync_ToolFails_ThrowsWithItsExitCodeAndStderr()
    {
        // Act
        var act = () => HelperCommand.RunCheckedAsync(null, "sh", ["-c", "echo broken >&2; exit 3"], ct: TestContext.Current.CancellationToken);

        // Assert
        (await act.Should().ThrowAsync<SandboxCommandException>()).Which.Message.Should().Contain("exit 3").And.Contain("broken");
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheToolAndThrows()
    {
        // Arrange
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        // Act
        var act = () => HelperCommand.RunAsync(null, "sleep", ["30"], ct: cts.Token);

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }
}
