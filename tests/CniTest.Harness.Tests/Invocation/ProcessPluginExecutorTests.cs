using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Invocation;

/// <summary>
/// The real executor against the scriptable fake plugin: environment and stdin as the spec sends them (R23),
/// separate stdout/stderr, timeouts that kill the whole tree (R29, containerd#5438), signals, ETXTBSY (R26).
/// </summary>
public sealed class ProcessPluginExecutorTests : IDisposable
{
    private readonly FakePluginDirectory _plugins = new();

    private static InvocationRequest Add(string stdin = """{"cniVersion":"1.0.0","name":"n","type":"fake"}""") =>
        new(CniCommand.Add, "ctr-1", "/run/netns/x", "eth0", [new("K8S_POD_NAME", "web")], ["/opt/a", "/opt/b"],
            Encoding.UTF8.GetBytes(stdin))
        {
            // No test may hang the suite, whatever the fake does.
            Timeout = TimeSpan.FromSeconds(20),
        };

    [Fact]
    public async Task Execute_AddRequest_PluginSeesExactlyTheSpecVariablesAndStdin()
    {
        // Arrange
        var plugin = _plugins.Add("fake", new JsonObject { ["log"] = _plugins.LogPath("fake") });

        // Act
        var record = await new ProcessPluginExecutor().ExecuteAsync(plugin, Add());

        // Assert
        record.ExitCode.Should().Be(0);
        var call = _plugins.Calls("fake").Single();
        call["env"]!.ToJsonString().Should().Be(
            """{"CNI_ARGS":"K8S_POD_NAME=web","CNI_COMMAND":"ADD","CNI_CONTAINERID":"ctr-1","CNI_IFNAME":"eth0","CNI_NETNS":"/run/netns/x","CNI_PATH":"/opt/a:/opt/b"}""");
        call["stdin"]!.GetValue<string>().Should().Be("""{"cniVersion":"1.0.0","name":"n","type":"fake"}""");
    }

    [Fact]
    public async Task Execute_OmittedVariable_IsAbsentNotEmpty()
    {
        // Arrange
        var plugin = _plugins.Add("fake", new JsonObject { ["log"] = _plugins.LogPath("fake") });
        var request = Add() with { OmitVariables = new HashSet<string> { "CNI_NETNS" } };

        // Act
        await new ProcessPluginExecutor().ExecuteAsync(plugin, request);

        // Assert
        _plugins.Calls("fake").Single()["env"]!.AsObject().ContainsKey("CNI_NETNS").Should().BeFalse();
    }

    [Fact]
    public async Task Execute_StdoutAndStderr_AreCapturedSeparately()
    {
        // Arrange
        var plugin = _plugins.Add("fake", new JsonObject { ["stderr"] = "log line\n", ["error"] = new JsonObject { ["code"] = 7, ["msg"] = "boom" } });

        // Act
        var record = await new ProcessPluginExecutor().ExecuteAsync(plugin, Add());

        // Assert
        record.ExitCode.Should().Be(1);
        record.StderrText.Should().Be("log line\n");
        JsonNode.Parse(record.StdoutText)!["code"]!.GetValue<int>().Should().Be(7);
        FailureClassifier.Classify(record).Should().Be(FailureShape.ErrorObject);
    }

    [Fact]
    public async Task Execute_PluginHangsWithAChild_TimeoutKillsTheWholeTree()
    {
        // Arrange
        var pidFile = Path.Combine(_plugins.Path, "child.pid");
        var plugin = _plugins.Add("fake", new JsonObject { ["spawnChildSleepMs"] = 60_000, ["childPidFile"] = pidFile, ["sleepMs"] = 60_000 });
        var stopwatch = Stopwatch.StartNew();

        // Act
        var record = await new ProcessPluginExecutor().ExecuteAsync(plugin, Add() with { Timeout = TimeSpan.FromSeconds(1.5) });

        // Assert
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        record.TimedOut.Should().BeTrue();
        FailureClassifier.Classify(record).Should().Be(FailureShape.TimedOut);
        var child = int.Parse(File.ReadAllText(pidFile));
        IsRunning(child).Should().BeFalse("the plugin's child must be killed with it");
    }

    [Fact]
    public async Task Execute_ChildHoldsStdoutAfterPluginExits_OutputIsKeptAndCallReturns()
    {
        // Arrange
        var pidFile = Path.Combine(_plugins.Path, "child.pid");
        var plugin = _plugins.Add("fake", new JsonObject { ["spawnChildSleepMs"] = 30_000, ["childPidFile"] = pidFile });
        var stopwatch = Stopwatch.StartNew();

        // Act
        var record = await new ProcessPluginExecutor().ExecuteAsync(plugin, Add());

        // Assert
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        record.ExitCode.Should().Be(0);
        JsonNode.Parse(record.StdoutText)!["cniVersion"]!.GetValue<string>().Should().Be("1.0.0");
        Process.GetProcessById(int.Parse(File.ReadAllText(pidFile))).Kill();
    }

    [Fact]
    public async Task Execute_PluginDiesOfSignal_SignalIsReported()
    {
        // Arrange
        var plugin = _plugins.Add("fake", new JsonObject { ["crash"] = 11 });

        // Act
        var record = await new ProcessPluginExecutor().ExecuteAsync(plugin, Add());

        // Assert
        record.Signal.Should().Be(11);
        FailureClassifier.Classify(record).Should().Be(FailureShape.KilledBySignal);
    }

    [Fact]
    public async Task Execute_BinaryBeingWritten_RetriesUntilItCanRun()
    {
        // Arrange: a plugin file still open for writing cannot be executed (ETXTBSY, R26)
        var plugin = Path.Combine(_plugins.Path, "busy");
        var writer = new FileStream(plugin, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        writer.Write("#!/bin/sh\necho '{}'\n"u8);
        writer.Flush();
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var executor = new ProcessPluginExecutor { EtxtBsyRetryDelay = TimeSpan.FromMilliseconds(100) };

        // Act
        var run = executor.ExecuteAsync(plugin, Add());
        await Task.Delay(250);
        await writer.DisposeAsync();
        var record = await run;

        // Assert
        record.ExitCode.Should().Be(0);
        record.StdoutText.Trim().Should().Be("{}");
    }

    [Fact]
    public async Task Execute_StdinLargerThanThePipeReadOnlyAfterALargeStdout_EveryByteGoesBothWays()
    {
        // Arrange: 1 MB each way, far past the 64 KB pipe buffer; the plugin writes all its stdout before it reads
        // stdin, so an executor that wrote stdin before reading stdout would deadlock until the timeout.
        var plugin = Script("big", "head -c 1048576 /dev/zero | tr '\\0' o\nwc -c >&2\n");
        var stdin = new string('i', 1024 * 1024);

        // Act
        var record = await new ProcessPluginExecutor().ExecuteAsync(plugin, Add(stdin));

        // Assert
        record.TimedOut.Should().BeFalse();
        record.ExitCode.Should().Be(0);
        record.Stdout.Should().HaveCount(1024 * 1024).And.OnlyContain(b => b == (byte)'o');
        record.StderrText.Trim().Should().Be("1048576");
    }

    [Fact]
    public async Task Execute_PluginExitsWithoutReadingALargeStdin_IsNotOurFailure()
    {
        // Arrange: the plugin never reads stdin, so writing it ends in EPIPE once the pipe buffer is full
        var plugin = Script("deaf", "echo '{}'\n");

        // Act
        var record = await new ProcessPluginExecutor().ExecuteAsync(plugin, Add(new string('i', 1024 * 1024)));

        // Assert
        record.ExitCode.Should().Be(0);
        record.StdoutText.Trim().Should().Be("{}");
    }

    [Fact]
    public async Task Execute_ManyConcurrentCalls_EachGetsItsOwnOutputAndNoneWaitsForAnother()
    {
        // Arrange: more calls at once than pool threads (ConcurrencyChecks runs 8+ ADDs via Task.Run)
        var plugin = Script("slow-echo", "sleep 1\ncat\necho err-$CNI_CONTAINERID >&2\n");
        var executor = new ProcessPluginExecutor();
        var stopwatch = Stopwatch.StartNew();

        // Act: every plugin sleeps 1 s first; one after another they would take 32 s
        var records = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() =>
            executor.ExecuteAsync(plugin, Add($"request-{i}") with { ContainerId = $"c{i}" }))));

        // Assert
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(6));
        for (var i = 0; i < records.Length; i++)
        {
            records[i].StdoutText.Should().Be($"request-{i}");
            records[i].StderrText.Should().Be($"err-c{i}\n");
        }
    }

    [Fact]
    public async Task Execute_CallerCancels_PluginIsKilledAndTheCallThrows()
    {
        // Arrange
        var pidFile = Path.Combine(_plugins.Path, "plugin.pid");
        var plugin = Script("hang", $"echo $$ > {pidFile}\nexec sleep 60\n");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();

        // Act
        var act = () => new ProcessPluginExecutor().ExecuteAsync(plugin, Add(), cts.Token);

        // Assert
        await act.Should().ThrowAsync<OperationCanceledException>();
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        IsRunning(int.Parse(File.ReadAllText(pidFile))).Should().BeFalse();
    }

    [Fact]
    public async Task Execute_TimeoutWhileAnOrphanedGrandchildHoldsThePipes_RecordAfterTheBoundedDrain()
    {
        // Arrange: the grandchild is reparented (its parent subshell exits), so killing the plugin's tree misses it
        // and it keeps stdout open: the call must still end after the 2 s drain (R29) with what the plugin wrote.
        var pidFile = Path.Combine(_plugins.Path, "orphan.pid");
        var plugin = Script("orphaning", $"(sleep 30 & echo $! > {pidFile})\necho partial\nexec sleep 60\n");
        var stopwatch = Stopwatch.StartNew();

        // Act
        var record = await new ProcessPluginExecutor().ExecuteAsync(plugin, Add() with { Timeout = TimeSpan.FromSeconds(1) });

        // Assert
        try
        {
            stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
            record.TimedOut.Should().BeTrue();
            record.Signal.Should().Be(9);
            record.StdoutText.Should().Be("partial\n");
        }
        finally
        {
            Process.GetProcessById(int.Parse(File.ReadAllText(pidFile))).Kill();
        }
    }

    private string Script(string name, string body)
    {
        var path = Path.Combine(_plugins.Path, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        // A zombie awaiting its reaper is dead for our purposes (state 'Z').
        return File.Exists(stat) && File.ReadAllText(stat).Split(' ')[2] != "Z";
    }

    public void Dispose() => _plugins.Dispose();
}
