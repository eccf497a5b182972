using System.Diagnostics;
using CniTest.Harness.Sandbox;
using CniTest.Scenarios.Sandbox;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// The stale sweep of run directories (issue 12): what a killed run left goes, including a directory left without its
/// <c>owner.pid</c>, and nothing a live run owns is ever touched, whether it is being created, removed, or owned by a
/// process whose pid means nothing here (its lock on <c>owner.pid</c> counts).
/// </summary>
[Collection(RootCollection.Name)]
public sealed class RunDirectoryTests
{
    private static readonly string Tmp = Path.GetTempPath();

    [PrivilegedFact(RootOnly = true)]
    public void Create_OwnerPidIsThereAndLockedForOtherProcesses_AndDisposeRemovesAll()
    {
        // Arrange
        string path;

        // Act
        using (var run = RunDirectory.Create())
        {
            path = run.Path;

            // Assert: flock(1) in another process cannot take the lock the run holds.
            File.ReadAllText(Path.Combine(path, "owner.pid")).Should().Be($"{Environment.ProcessId}");
            FlockExclusive(Path.Combine(path, "owner.pid")).Should().Be(1, "the live run holds its lock on owner.pid");
            Directory.GetDirectories(Tmp, "cnitest-new-*").Should().BeEmpty("the staging directory was renamed into place");
        }

        Directory.Exists(path).Should().BeFalse();
    }

    [PrivilegedFact(RootOnly = true)]
    public void SweepStale_DirectoryWithoutOwnerPid_StaysWhileFreshAndGoesOnceOld()
    {
        // Arrange: what an older cnitest leaves between making the directory and writing owner.pid, or a removal cut short.
        var dir = Directory.CreateTempSubdirectory("cnitest-run-").FullName;
        File.WriteAllText(Path.Combine(dir, "leftover"), "x");
        Directory.SetLastWriteTimeUtc(dir, DateTime.UtcNow);

        try
        {
            // Act + Assert: fresh, it may be a run being created right now.
            RunDirectory.SweepStale();
            Directory.Exists(dir).Should().BeTrue("a fresh directory without owner.pid may be a run being created");

            // Act + Assert: untouched for longer than the grace, nobody owns it.
            Directory.SetLastWriteTimeUtc(dir, DateTime.UtcNow - RunDirectory.OwnerlessGrace - TimeSpan.FromSeconds(5));
            var line = RunDirectory.SweepStale();
            Directory.Exists(dir).Should().BeFalse();
            line.Should().Contain("1 without owner.pid");
        }
        finally
        {
            DeleteIfThere(dir);
        }
    }

    [PrivilegedFact(RootOnly = true)]
    public void SweepStale_DeadPidButLockHeldElsewhere_IsLiveUntilTheLockGoes()
    {
        // Arrange: a run in another PID namespace sharing /tmp: its pid is not alive here, its lock is held.
        var dir = Directory.CreateTempSubdirectory("cnitest-run-").FullName;
        var owner = Path.Combine(dir, "owner.pid");
        File.WriteAllText(owner, $"{DeadPid()}");
        // The shell takes a shared lock on fd 9 and becomes sleep, which keeps it: killing that one process frees the lock.
        using var holder = Process.Start(new ProcessStartInfo("bash", ["-c", "exec 9<\"$1\"; flock -s 9; exec sleep 60", "lock", owner]))!;
        WaitUntil(() => FlockExclusive(owner) == 1);

        try
        {
            // Act
            RunDirectory.SweepStale();

            // Assert
            Directory.Exists(dir).Should().BeTrue("the lock on owner.pid says a live run owns it");
            RunDirectory.LiveOwner(dir).Should().NotBeNull();

            // Act: the owner dies; the kernel drops its lock.
            holder.Kill();
            holder.WaitForExit();
            var line = RunDirectory.SweepStale();

            // Assert
            Directory.Exists(dir).Should().BeFalse();
            line.Should().Contain("1 run directory (pid ");
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill();
            }

            DeleteIfThere(dir);
        }
    }

    [PrivilegedFact(RootOnly = true)]
    public void SweepStale_DeadPidAndNoLock_IsRemovedAtOnce()
    {
        // Arrange: a run killed with SIGKILL.
        var dir = Directory.CreateTempSubdirectory("cnitest-run-").FullName;
        File.WriteAllText(Path.Combine(dir, "owner.pid"), $"{DeadPid()}");
        Directory.CreateDirectory(Path.Combine(dir, "check1", "netns"));

        try
        {
            // Act
            RunDirectory.SweepStale();

            // Assert
            Directory.Exists(dir).Should().BeFalse();
        }
        finally
        {
            DeleteIfThere(dir);
        }
    }

    [PrivilegedFact(RootOnly = true)]
    public async Task SweepStale_RacingLiveRunsBeingCreatedAndRemoved_NeverTouchesThem()
    {
        // Arrange: runs come and go while sweeps run and a watcher looks at every run directory it can see.
        var ct = TestContext.Current.CancellationToken;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var violations = new System.Collections.Concurrent.ConcurrentBag<string>();
        var sweeper = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                RunDirectory.SweepStale();
            }
        }, ct);
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var dir in Directory.GetDirectories(Tmp, "cnitest-run-*"))
                {
                    // Without owner.pid, a run directory must be empty: it is in place only with it, and loses it last.
                    try
                    {
                        if (!File.Exists(Path.Combine(dir, "owner.pid")) && Directory.EnumerateFileSystemEntries(dir).Any())
                        {
                            violations.Add($"{dir} has content but no owner.pid");
                        }
                    }
                    catch (DirectoryNotFoundException)
                    {
                        // Removed by its owner between the two looks.
                    }
                }
            }
        }, ct);

        // Act
        var runs = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var run = RunDirectory.Create();
                var marker = Path.Combine(run.Path, "check1", "marker");
                Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
                await File.WriteAllTextAsync(marker, "mine", ct);
                await Task.Delay(5, ct);
                if (!File.Exists(marker))
                {
                    violations.Add($"{run.Path}: a sweep removed a live run's file");
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(runs);
        await stop.CancelAsync();
        await Task.WhenAll(sweeper, watcher);

        // Assert
        violations.Should().BeEmpty();
        RunDirectory.OwnedBy(Environment.ProcessId).Should().BeEmpty("every run removed its directory");
    }

    [PrivilegedFact(RootOnly = true)]
    public void SweepStale_LiveRunsDockerCgroup_IsLeftAloneAndGoesWithTheRun()
    {
        // Arrange: a live run whose private dockerd put a container's process in cnitest-run-XXXX-docker.
        ProcessCgroup.IsAvailable.Should().BeTrue("the freezer hierarchy is what the sweep reads");
        var run = RunDirectory.Create();
        using var containers = ProcessCgroup.Create(Path.GetFileName(run.Path) + "-docker/abc123");
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", ["60"]))!;
        File.WriteAllText(Path.Combine(containers.Path, "cgroup.procs"), $"{sleeper.Id}");

        try
        {
            // Act
            var line = RunDirectory.SweepStale();

            // Assert
            line.Should().BeNull("nothing is stale: the container belongs to a live run");
            sleeper.HasExited.Should().BeFalse();

            // Act: the run is gone (as after SIGKILL: its directory without a live owner), its container is not.
            run.Dispose();
            line = RunDirectory.SweepStale();

            // Assert
            sleeper.WaitForExit(TimeSpan.FromSeconds(10)).Should().BeTrue("the sweep kills what a dead run left in its docker cgroup");
            line.Should().Contain("1 process");
        }
        finally
        {
            if (!sleeper.HasExited)
            {
                sleeper.Kill();
            }

            run.Dispose();
        }
    }

    /// <summary>flock(1)'s exit code for a non-blocking exclusive lock: 0 taken (and released), 1 held by someone.</summary>
    private static int FlockExclusive(string file)
    {
        using var p = Process.Start(new ProcessStartInfo("flock", ["-n", "-x", file, "true"]))!;
        p.WaitForExit();
        return p.ExitCode;
    }

    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true"))!;
        p.WaitForExit();
        return p.Id;
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
            Thread.Sleep(20);
        }
    }

    private static void DeleteIfThere(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
