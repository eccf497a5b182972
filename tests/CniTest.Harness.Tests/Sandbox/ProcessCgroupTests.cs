using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.Harness.Tests.Sandbox;

/// <summary>
/// A process cgroup holds everything a plugin starts, however it detaches (issue 12): the executor names what still
/// runs after each call, names a holder of the plugin's stdout and stops waiting for the pipe as soon as it sees one
/// (P73), and <see cref="ProcessCgroup.KillAll"/> leaves nothing.
/// </summary>
public sealed class ProcessCgroupTests : IDisposable
{
    private readonly FakePluginDirectory _plugins = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-cg-").FullName;

    public void Dispose()
    {
        _plugins.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [PrivilegedFact(RootOnly = true)]
    public async Task Execute_ChildHoldsStdout_NamedAsHolderAndTheCallDoesNotWaitForTheDrainBound()
    {
        // Arrange
        using var netns = NetworkNamespace.Create(Path.Combine(_dir, "host"));
        using var cgroup = ProcessCgroup.Create(Path.GetFileName(_dir));
        var plugin = _plugins.Add("fake", new JsonObject { ["spawnChildSleepMs"] = 30_000 });
        var executor = new ProcessPluginExecutor(netns.Path) { Cgroup = cgroup };
        var request = new InvocationRequest(CniCommand.Add, "ctr-1", "/run/netns/x", "eth0", [], ["/opt/a"],
            Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0","name":"n","type":"fake"}""")) { Timeout = TimeSpan.FromSeconds(20) };
        var clock = Stopwatch.StartNew();

        // Act
        var record = await executor.ExecuteAsync(plugin, request);
        var afterCall = clock.Elapsed;
        var killed = cgroup.KillAll();

        // Assert: the drain bound is 2 s; seeing the holder ends the wait after one 50 ms poll
        (afterCall - record.Duration).Should().BeLessThan(TimeSpan.FromSeconds(1.5));
        record.ExitCode.Should().Be(0);
        record.PipeHolders.Should().ContainSingle().Which.Pid.Should().NotBe(Environment.ProcessId);
        record.Survivors.Should().Contain(p => p.Pid == record.PipeHolders[0].Pid);
        killed.Select(p => p.Pid).Should().Contain(record.PipeHolders[0].Pid);
        cgroup.Pids().Should().BeEmpty("a killed process leaves its cgroup (what is left may be a zombie until init reaps it)");
    }

    [PrivilegedFact(RootOnly = true)]
    public void KillAll_DoubleForkedSetsidDaemon_IsTrackedAndKilled()
    {
        // Arrange: a daemon done properly (new session, double fork, no inherited descriptors)
        using var netns = NetworkNamespace.Create(Path.Combine(_dir, "host"));
        using var cgroup = ProcessCgroup.Create(Path.GetFileName(_dir));
        NamespaceThread.Run(netns.Path, () => Process.Start("/bin/sh", ["-c", "(setsid sleep 300 </dev/null >/dev/null 2>&1 &)"])!.WaitForExit(5000), cgroup: cgroup);

        // Act (the detached shell may still be on its way to exec sleep)
        var until = DateTime.UtcNow.AddSeconds(5);
        while (!cgroup.Processes().Any(p => p.Comm == "sleep") && DateTime.UtcNow < until)
        {
            Thread.Sleep(20);
        }

        var before = cgroup.Processes();
        var killed = cgroup.KillAll();

        // Assert
        before.Should().ContainSingle(p => p.Comm == "sleep").Which.NetworkNamespace.Should().Be(netns.KernelName);
        killed.Should().Contain(p => p.Comm == "sleep");
        cgroup.Processes().Should().BeEmpty();
    }
}
