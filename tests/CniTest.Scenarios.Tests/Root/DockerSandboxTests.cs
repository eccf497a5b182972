using System.Text.Json;
using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// <c>--sandbox docker</c> (issue 11): the suite passes with every sandbox a <c>--network none</c> container,
/// connectivity included, and afterwards the machine's network state, its Docker daemon processes and a pre-existing
/// engine's containers are as they were: the private dockerd never touched the machine's namespace (no docker0, no
/// iptables rules, no ip_forward) and was stopped with everything it started.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class DockerSandboxTests
{
    private static readonly string[] ConnectivityChecks = ["net.gateway", "net.pod-to-pod", "net.mtu", "net.egress", "net.after-del"];

    [DockerTheory]
    [InlineData("bridge")] // the whole default suite
    [InlineData("ptp", "--filter", "net.")] // a second plugin's pods, connectivity only (kept short)
    public async Task Run_DockerSandbox_PassesWithConnectivityAndLeavesTheMachineAsItWas(string plugin, params string[] more)
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var machineBefore = await MachineState.TakeAsync(ct);
        var dockerBefore = await DockerState.TakeAsync(ct);
        var report = Path.Combine(Path.GetTempPath(), $"cnitest-docker-test-{Guid.NewGuid():N}.json");

        try
        {
            // Act
            using var cli = CliProcess.Start(["run", "--plugin", Path.Combine(Privileges.ReferencePluginDir, plugin), "--sandbox", "docker", "--report", report, .. more]);
            var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(150));

            // Assert
            var log = string.Join('\n', cli.Lines.TakeLast(30));
            exit.Should().Be(0, log);
            var results = Outcomes(report);
            results.Should().NotContain(r => r.Outcome == "failed", log);
            foreach (var id in ConnectivityChecks)
            {
                results.Should().Contain(r => r.Id == id && r.Outcome == "passed", $"{id} must run and pass in a container\n{log}");
            }

            MachineState.RunDirectoriesOf(cli.Pid).Should().BeEmpty();
            (await MachineState.TakeAsync(ct)).ChangesSince(machineBefore).Should().BeEmpty();
            (await DockerState.TakeAsync(ct)).ChangesSince(dockerBefore).Should().BeEmpty();
        }
        finally
        {
            File.Delete(report);
        }
    }

    [DockerFact]
    public async Task Run_KilledWithSigkill_NextRunSweepStopsItsDaemonAndContainers()
    {
        // Arrange: a run whose private dockerd and containers are up, killed so that it cannot clean up.
        var ct = TestContext.Current.CancellationToken;
        var machineBefore = await MachineState.TakeAsync(ct);
        var dockerBefore = await DockerState.TakeAsync(ct);
        using var cli = CliProcess.Start("run", "--plugin", Path.Combine(Privileges.ReferencePluginDir, "bridge"), "--sandbox", "docker",
            "--filter", "net.pod-to-pod", "--jobs", "1");
        var started = await WaitAsync(() => MachineState.RunDirectoriesOf(cli.Pid).Any(dir =>
            Directory.EnumerateFiles(dir, "sandbox*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3 }).Any()),
            TimeSpan.FromSeconds(60));
        await HelperCommand.RunCheckedAsync(null, "kill", ["-KILL", cli.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], ct: ct);
        await cli.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var left = (await DockerState.TakeAsync(ct)).ChangesSince(dockerBefore);

        // Act
        RunDirectory.SweepStale();

        // Assert
        started.Should().BeTrue("the run's daemon and a container must have come up");
        left.Should().NotBeEmpty("a SIGKILLed run leaves its daemon running until the sweep");
        MachineState.RunDirectoriesOf(cli.Pid).Should().BeEmpty();
        (await DockerState.TakeAsync(ct)).ChangesSince(dockerBefore).Should().BeEmpty();
        (await MachineState.TakeAsync(ct)).ChangesSince(machineBefore).Should().BeEmpty();
    }

    private static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan limit)
    {
        for (var until = DateTime.UtcNow + limit; DateTime.UtcNow < until; await Task.Delay(50))
        {
            if (condition())
            {
                return true;
            }
        }

        return false;
    }

    private static List<(string Id, string Outcome)> Outcomes(string report)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        return [.. doc.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("outcome").GetString()!))];
    }
}
