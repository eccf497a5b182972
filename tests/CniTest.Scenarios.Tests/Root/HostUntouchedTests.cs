using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// The host is sacred (issue 5 "Isolation"): a full run and an interrupted run of the CLI leave the machine's own
/// namespace (links, addresses, routes, iptables, nft) and /var/lib/cni exactly as they were, put nothing of theirs
/// in /run/cni, /run/netns or the mount table, and remove every directory they created.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class HostUntouchedTests
{
    [PrivilegedTheory]
    [InlineData("bridge", "interface", 0)]
    [InlineData("tuning", "chained", 0)]
    // Under the docker profile Debian's bridge cannot connect its pods (exit 1): a verdict, and still nothing left behind.
    [InlineData("bridge", "interface", 1, "--host-profile", "docker", "--nodes", "2")]
    [InlineData("portmap", "chained", 1, "--host-profile", "docker", "--filter", "net.")]
    public async Task Run_FullSuite_LeavesTheMachineAsItWas(string plugin, string role, int expectedExit, params string[] more)
    {
        // Arrange
        var before = await MachineState.TakeAsync(TestContext.Current.CancellationToken);

        // Act
        using var cli = CliProcess.Start(["run", "--plugin", Path.Combine(Privileges.ReferencePluginDir, plugin), "--role", role, .. more]);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Assert
        exit.Should().Be(expectedExit, string.Join('\n', cli.Lines.TakeLast(20)));
        MachineState.RunDirectoriesOf(cli.Pid).Should().BeEmpty();
        (await MachineState.TakeAsync(TestContext.Current.CancellationToken)).ChangesSince(before).Should().BeEmpty();
    }

    [PrivilegedFact]
    public async Task Run_InterruptedBySigint_RemovesEverythingAndLeavesTheMachineAsItWas()
    {
        // Arrange
        var before = await MachineState.TakeAsync(TestContext.Current.CancellationToken);
        using var cli = CliProcess.Start("run", "--plugin", Path.Combine(Privileges.ReferencePluginDir, "bridge"), "--jobs", "1");

        // Act: interrupt once checks are running (some fake hosts, sandboxes and plugin calls are in flight).
        var started = await cli.WaitForLineAsync(l => l.StartsWith("PASS", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await cli.InterruptAsync();
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Assert
        started.Should().BeTrue(string.Join('\n', cli.Lines));
        exit.Should().Be(130, string.Join('\n', cli.Lines.TakeLast(20)));
        cli.Lines.Should().Contain(l => l.Contains("interrupted", StringComparison.Ordinal));
        MachineState.RunDirectoriesOf(cli.Pid).Should().BeEmpty();
        (await MachineState.TakeAsync(TestContext.Current.CancellationToken)).ChangesSince(before).Should().BeEmpty();
    }
}
