using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Tests.Support;
using FluentAssertions;
using Xunit;

namespace CniTest.Scenarios.Tests.Root;

/// <summary>
/// --retries (issue 13): a check that fails and then passes on a rerun is flaky, never a plain pass; one that fails
/// every attempt keeps its reruns. The plugin is a small script whose STATUS fails a given number of times (a counter
/// file beside it), so the check status.answers (P44) is flaky on purpose.
/// </summary>
[Collection(RootCollection.Name)]
public sealed class RetryTests
{
    [PrivilegedFact]
    public async Task Run_StatusFailsOnce_WithRetries_IsFlakyWithTheFailedAttempt()
    {
        // Arrange
        using var plugin = new FlakyPlugin(failures: 1);

        // Act
        var report = await RunAsync(plugin.Path, retries: 2);

        // Assert
        var status = report.Results.Single(r => r.Id == "status.answers");
        status.IsFlaky.Should().BeTrue();
        status.FailedAttempts.Should().ContainSingle().Which.Message.Should().Contain("not ready yet");
        report.Flaky.Should().Be(1);
        report.Passed.Should().Be(report.Results.Count(r => r.Outcome == CheckOutcome.Passed) - 1, "a flaky check is not counted as passed");
    }

    [PrivilegedFact]
    public async Task Run_StatusAlwaysFails_WithRetries_FailsWithEveryRerun()
    {
        // Arrange
        using var plugin = new FlakyPlugin(failures: 100);

        // Act
        var report = await RunAsync(plugin.Path, retries: 2);

        // Assert
        var status = report.Results.Single(r => r.Id == "status.answers");
        status.Outcome.Should().Be(CheckOutcome.Failed);
        status.FailedAttempts.Should().HaveCount(2);
        plugin.StatusCalls.Should().Be(3);
    }

    [PrivilegedFact]
    public async Task Run_StatusFailsOnce_WithoutRetries_Fails()
    {
        // Arrange
        using var plugin = new FlakyPlugin(failures: 1);

        // Act
        var report = await RunAsync(plugin.Path, retries: 0);

        // Assert
        var status = report.Results.Single(r => r.Id == "status.answers");
        status.Outcome.Should().Be(CheckOutcome.Failed);
        status.FailedAttempts.Should().BeEmpty();
    }

    private static Task<RunReport> RunAsync(string plugin, int retries) =>
        SuiteRunner.RunAsync(new RunOptions { PluginPath = plugin, Role = PluginRole.Ipam, Filter = "status.answers", Retries = retries },
            ct: TestContext.Current.CancellationToken);

    /// <summary>An IPAM plugin advertising 1.1.0 whose STATUS fails its first <c>failures</c> times.</summary>
    private sealed class FlakyPlugin : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("cnitest-flaky-").FullName;

        public FlakyPlugin(int failures)
        {
            Path = System.IO.Path.Combine(_dir, "flaky-ipam");
            File.WriteAllText(Path, $$"""
                #!/bin/bash
                state="$(dirname "$0")/status-calls"
                case "$CNI_COMMAND" in
                VERSION) echo '{"cniVersion":"1.1.0","supportedVersions":["1.0.0","1.1.0"]}' ;;
                STATUS)
                  n=$(cat "$state" 2>/dev/null || echo 0); echo $((n + 1)) >"$state"
                  if [ "$n" -lt {{failures}} ]; then echo '{"cniVersion":"1.1.0","code":50,"msg":"not ready yet"}'; exit 1; fi ;;
                *) echo '{"cniVersion":"1.1.0","code":4,"msg":"unsupported"}'; exit 1 ;;
                esac
                """);
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        public string Path { get; }

        public int StatusCalls => int.Parse(File.ReadAllText(System.IO.Path.Combine(_dir, "status-calls")).Trim());

        public void Dispose() => Directory.Delete(_dir, recursive: true);
    }
}
