using System.Text.Json.Nodes;
using CniTest.Cli;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Recording;
using CniTest.Scenarios.Reporting;
using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Recording;

/// <summary>
/// Issue 13's "done when": a check whose failure needs earlier calls (a second DEL after ADD and DEL; CHECK after
/// drift), recorded by <c>run --record</c>, reproduces with the printed <c>cnitest replay</c> command in a fresh fake
/// host; a fixed plugin given with <c>--plugin</c> changes the verdict (exit 1); one step file replays one call; the
/// recording validates against its schemas; nothing is left behind.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class RecordReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-record-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    [PrivilegedFact]
    public async Task DelTwice_DelNotIdempotent_ReproducesWithThePrintedReplayCommand()
    {
        // Arrange: the second DEL fails only because ADD and the first DEL ran before it (the link is gone).
        var (result, replay) = await RecordAsync("del-not-idempotent", "del.twice");
        result.Outcome.Should().Be(CheckOutcome.Failed);

        // Act
        var exit = await Cli(replay);

        // Assert
        exit.Should().Be(ExitCodes.Success, _out + _err.ToString());
        var rows = Rows();
        rows.Should().HaveCount(3);
        rows[2].Should().Contain("DEL del-not-idempotent").And.Contain("error 100").And.NotContain("DIFFERS");
        rows[2].Split("error 100").Should().HaveCount(3, "the recorded and the replayed DEL both failed with code 100");
        _out.ToString().Should().Contain("verdict: the same as recorded");
        RecordSchemas.Errors(RecordDir).Should().BeEmpty();
        RunDirectory.OwnedBy(Environment.ProcessId).Should().BeEmpty("replay removes its fake host");
    }

    [PrivilegedFact]
    public async Task DelTwice_ReplayedWithTheReferencePlugin_VerdictDiffersAndExitsOne()
    {
        // Arrange
        var (_, replay) = await RecordAsync("del-not-idempotent", "del.twice");

        // Act
        var exit = await Cli([.. replay, "--plugin", "/usr/lib/cni/ptp"]);

        // Assert
        exit.Should().Be(ExitCodes.Failure, _out + _err.ToString());
        var rows = Rows();
        rows[2].Should().Contain("error 100").And.EndWith("DIFFERS");
        rows[0].Should().NotContain("DIFFERS");
        _out.ToString().Should().Contain("differs from the recording in 1 of 3 call(s)");
    }

    [PrivilegedFact]
    public async Task CheckAddressRemoved_CheckAlwaysSucceeds_ReplaysTheDriftBetweenTheCalls()
    {
        // Arrange: CHECK passing is a failure only after the address was removed, a drift step between ADD and CHECK.
        var (result, replay) = await RecordAsync("check-always-succeeds", "check.address-removed");
        result.Outcome.Should().Be(CheckOutcome.Failed);
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(RecordDir, "index.json")))!;
        index["checks"]![0]!["steps"]!.AsArray().Select(s => s!["command"]!.GetValue<string>()).Should().Equal("ADD", "sandbox-ip-batch", "CHECK");

        // Act
        var same = await Cli(replay);
        var sameOutput = _out.ToString();
        _out.GetStringBuilder().Clear();
        var fixedPlugin = await Cli([.. replay, "--plugin", "/usr/lib/cni/ptp"]);

        // Assert
        same.Should().Be(ExitCodes.Success, sameOutput + _err);
        sameOutput.Should().Contain("-- sandbox-ip-batch sandbox1: ip address del 10.99.0.2/24 dev eth0");
        fixedPlugin.Should().Be(ExitCodes.Failure, "ptp's CHECK notices the missing address: " + _out);
        Rows().Last().Should().Contain("CHECK").And.EndWith("DIFFERS");
        RecordSchemas.Errors(RecordDir).Should().BeEmpty();
    }

    [PrivilegedFact]
    public async Task ReplayFile_OneRecordedCall_RunsThatCallAlone()
    {
        // Arrange
        await RecordAsync("del-not-idempotent", "del.twice");
        var add = Directory.GetFiles(Directory.GetDirectories(RecordDir).Single(), "001-add-*.json").Single();

        // Act
        var exit = await Cli(["replay", add]);

        // Assert
        exit.Should().Be(ExitCodes.Success, _out + _err.ToString());
        Rows().Should().ContainSingle().Which.Should().Contain("ADD del-not-idempotent").And.Contain("ok: ");
    }

    [PrivilegedFact]
    public async Task Replay_InterruptedBySigintWhileAPluginHangs_RemovesEverythingAndLeavesTheMachineAsItWas()
    {
        // Arrange: a recorded DEL that hangs (killed after 2 s when recorded), replayed with a long timeout.
        await RecordAsync("del-hangs", "del.twice", TimeSpan.FromSeconds(2));
        var before = await MachineState.TakeAsync(TestContext.Current.CancellationToken);
        using var cli = CliProcess.Start("replay", RecordDir, "--check", "del.twice", "--timeout", "60");

        // Act: interrupt while the hanging DEL runs inside the replay's fake host.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < until && !SandboxExists(cli.Pid))
        {
            await Task.Delay(50);
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // ADD done, DEL in flight
        await cli.InterruptAsync();
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Assert
        exit.Should().Be(ExitCodes.Interrupted, string.Join('\n', cli.Lines));
        cli.Lines.Should().Contain(l => l.Contains("interrupted", StringComparison.Ordinal));
        MachineState.RunDirectoriesOf(cli.Pid).Should().BeEmpty();
        (await MachineState.TakeAsync(TestContext.Current.CancellationToken)).ChangesSince(before).Should().BeEmpty();
    }

    [PrivilegedFact]
    public async Task ReplayCliRecording_AddWithTheRealPlugin_SameVerdictAndAFixOfTheSameNameIsSubstituted()
    {
        // Arrange: cnitest add, recorded, in a fake host of the test's own (the CLI's --host-netns and a sandbox).
        using var host = await TestHosts.CreateAsync("cnitest-st-", ct: TestContext.Current.CancellationToken);
        var sandbox = host.NewSandbox();
        Directory.CreateDirectory(Path.Combine(_dir, "net.d"));
        File.WriteAllText(Path.Combine(_dir, "net.d", "10-mynet.conflist"), $$$"""
            {"cniVersion":"1.0.0","name":"mynet","plugins":[{"type":"ptp","ipMasq":false,
             "ipam":{"type":"host-local","dataDir":"{{{host.IpamDir}}}","ranges":[[{"subnet":"10.77.0.0/24"}]]}}]}
            """);
        var env = new Dictionary<string, string>
        {
            ["NETCONFPATH"] = Path.Combine(_dir, "net.d"),
            ["CNI_PATH"] = "/usr/lib/cni",
            ["CNITEST_CACHE_DIR"] = Path.Combine(_dir, "cache"),
        };
        var ctx = new CliContext(n => env.GetValueOrDefault(n), _out, _err);
        (await CliApp.RunAsync(["add", "mynet", sandbox.Path, "--host-netns", host.NetnsPath, "--record", RecordDir], ctx))
            .Should().Be(ExitCodes.Success, _err.ToString());
        var broken = Directory.CreateDirectory(Path.Combine(_dir, "fix")).FullName;
        File.CreateSymbolicLink(Path.Combine(broken, "ptp"), Repo.BrokenPlugin("add-crashes"));
        _out.GetStringBuilder().Clear();

        // Act
        var same = await Cli(["replay", RecordDir, "--check", "cli-001-add"]);
        var sameRows = Rows();
        _out.GetStringBuilder().Clear();
        var substituted = await Cli(["replay", RecordDir, "--check", "cli-001-add", "--plugin", Path.Combine(broken, "ptp")]);

        // Assert
        same.Should().Be(ExitCodes.Success, _err.ToString());
        sameRows.Should().ContainSingle().Which.Should().Contain("ADD ptp").And.Contain("10.77.0.2/24").And.NotContain("DIFFERS");
        substituted.Should().Be(ExitCodes.Failure, _out.ToString());
        _out.ToString().Should().Contain("ptp is replaced by " + Path.Combine(broken, "ptp"));
        Rows().Should().ContainSingle().Which.Should().EndWith("DIFFERS");
        host.IpamReservations().Should().Equal(["10.77.0.2"], "replay allocates in its own fake host, never in the recorded dataDir");
        RunDirectory.OwnedBy(Environment.ProcessId).Should().BeEmpty();
    }

    [PrivilegedFact]
    public async Task EveryRecordedCheckOfAPassingPlugin_ReplaysWithTheRecordedVerdicts()
    {
        // Arrange: the families whose later calls depend on earlier ones (prevResult of CHECK and DEL carries the MAC
        // and host veth name the ADD chose, drift names its address, P27 deletes the sandbox).
        var options = new RunOptions
        {
            PluginPath = "/usr/lib/cni/ptp",
            Filter = "check.,del.,add.",
            Recorder = Recorder.Open(RecordDir, [], append: false),
        };
        await SuiteRunner.RunAsync(options, ct: TestContext.Current.CancellationToken);
        var index = RecordingSet.ReadIndex(RecordDir)!;

        // Act
        var differing = new List<string>();
        foreach (var entry in index.Checks)
        {
            var (_, steps) = RecordingSet.LoadCheck(RecordDir, entry.Check);
            var report = await Replayer.ReplayAsync(steps, new ReplayOptions(), TestContext.Current.CancellationToken);
            differing.AddRange(report.Rows.Where(r => r.Differs || (r.Recorded is null && r.Note!.StartsWith("could not", StringComparison.Ordinal)))
                .Select(r => $"{entry.Check} step {r.Step} {r.What}: {r.Recorded} → {r.Replayed?.ToString() ?? r.Note}"));
        }

        // Assert
        index.Checks.Should().HaveCountGreaterThan(10).And.Contain(c => c.Check.StartsWith("check.after-add", StringComparison.Ordinal));
        differing.Should().BeEmpty();
    }

    private string RecordDir => Path.Combine(_dir, "rec");

    /// <summary>True once the replay of process <paramref name="pid"/> created a sandbox beside its fake host's own namespace.</summary>
    private static bool SandboxExists(int pid) => MachineState.RunDirectoriesOf(pid)
        .SelectMany(d => Directory.Exists(d) ? Directory.GetDirectories(d) : [])
        .Any(h => Directory.Exists(Path.Combine(h, "netns")) && Directory.GetFileSystemEntries(Path.Combine(h, "netns")).Length > 1);

    /// <summary>Runs one check of a broken fixture with --record; returns its result and the replay command it printed.</summary>
    private async Task<(CheckResult Result, string[] Replay)> RecordAsync(string fixture, string check, TimeSpan? timeout = null)
    {
        var options = new RunOptions
        {
            PluginPath = Repo.BrokenPlugin(fixture),
            Filter = check,
            Timeout = timeout ?? TimeSpan.FromSeconds(5),
            Recorder = Recorder.Open(RecordDir, [], append: false),
        };
        var report = await SuiteRunner.RunAsync(options, ct: TestContext.Current.CancellationToken);
        var result = report.Results.Single(r => r.Id == check);
        var text = FailureText.For(result);
        var line = text.Split('\n').Single(l => l.Contains("cnitest replay "));
        var command = line[(line.IndexOf("cnitest replay ", StringComparison.Ordinal) + "cnitest ".Length)..].Trim();
        command.Should().Be($"replay {RecordDir} --check {check}@{result.CniVersion}");
        return (result, command.Split(' '));
    }

    private Task<int> Cli(string[] args) =>
        CliApp.RunAsync(args, new CliContext(_ => null, _out, _err));

    /// <summary>The table rows of a replay's output (a step number first).</summary>
    private List<string> Rows() =>
        [.. _out.ToString().Split('\n').Where(l => l.Length > 4 && l[..4].Trim() is { Length: > 0 } n && n.All(char.IsAsciiDigit))];

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
