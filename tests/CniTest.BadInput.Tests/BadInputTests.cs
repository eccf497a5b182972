using System.Text;
using CniTest.BadInput.Tests.Corpus;
using CniTest.Cli;
using CniTest.Scenarios.Sandbox;
using FluentAssertions;
using Xunit;

namespace CniTest.BadInput.Tests;

/// <summary>
/// The bad-input corpus (issue 12 item 4, fixtures/bad-input): every case must end with exit 1 or 2 (the one its
/// entry names) and a one-line <c>cnitest:</c> message matching its pattern, never a stack trace, never a hang,
/// never a change to the machine. Cases run in-process through <see cref="CliApp.RunAsync"/> with their
/// environment passed in a <see cref="CliContext"/> (no process-global state), so 200+ cases take seconds; the
/// entries marked <c>outOfProcess</c> also run the real binary to prove it ends the same way.
/// </summary>
public sealed class BadInputTests(MachineGuard guard) : IClassFixture<MachineGuard>
{
    /// <summary>
    /// A hang ends here. The slowest case (20 MB through a pipe) takes under 1 s of CPU, but 5–9 s of wall time was
    /// measured with 8 helpers' builds on 2 cores (load average 40), so the limit is wall time with that margin.
    /// </summary>
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(60);

    /// <summary>stderr beyond this is a flood passed through, not a one-line message.</summary>
    private const int MaxStderr = 16 * 1024;

    public static IReadOnlyList<BadInputCase> Cases { get; } = BadInputCase.LoadAll(Path.Combine(Repo.Root, "fixtures", "bad-input"));

    public static TheoryData<string> AllIds => new(Cases.Select(c => c.Id));

    public static TheoryData<string> OutOfProcessIds => new(Cases.Where(c => c.OutOfProcess).Select(c => c.Id));

    [Fact]
    public void Corpus_HasAtLeast200Cases_EachWithAnAllowedEnding()
    {
        Cases.Count(c => c.Exit is ExitCodes.Failure or ExitCodes.UsageOrEnvironment).Should().BeGreaterThanOrEqualTo(200);
        // Exit 0 only for a plugin output the runtime accepts on purpose (a second document after the result, cni#571;
        // an error object with exit 0): the attachment commands then print the MUST violation, as the README says.
        Cases.Where(c => c.Exit == ExitCodes.Success).Should().OnlyContain(c => c.Table == "plugin-outputs" && c.Message.StartsWith("^cnitest: contract: MUST", StringComparison.Ordinal));
        Cases.Should().OnlyContain(c => c.Exit == ExitCodes.Success || c.Exit == ExitCodes.Failure || c.Exit == ExitCodes.UsageOrEnvironment);
        Cases.Count(c => c.OutOfProcess).Should().BeGreaterThanOrEqualTo(5);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public async Task InProcess_EndsWithOneLineError(string id)
    {
        // Arrange
        var c = Cases.Single(x => x.Id == id);
        using var ws = new CaseWorkspace(c);
        var env = ws.Environment(c);
        var args = c.Args.Select(ws.Expand).ToArray();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var ctx = new CliContext(n => env.GetValueOrDefault(n), TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr))
        {
            WorkingDirectory = ws.Dir,
        };
        var before = guard.CheapListing();

        // Act
        using var cts = new CancellationTokenSource();
        var run = CliApp.RunAsync(args, ctx, cts.Token);
        var finished = await Task.WhenAny(run, Task.Delay(CaseLimit, TestContext.Current.CancellationToken)) == run;
        if (!finished)
        {
            await cts.CancelAsync();
        }

        // Assert
        finished.Should().BeTrue($"{id} must not hang (limit {CaseLimit.TotalSeconds} s); stderr so far: {Head(stderr.ToString())}");
        AssertEnding(c, await run, stdout.ToString(), stderr.ToString());
        guard.CheapListing().Should().Be(before, $"{id} must not write outside its workspace");
    }

    [Theory]
    [MemberData(nameof(OutOfProcessIds))]
    public async Task OutOfProcess_EndsTheSameWay(string id)
    {
        // Arrange
        var c = Cases.Single(x => x.Id == id);
        using var ws = new CaseWorkspace(c);
        var env = ws.Environment(c);
        if (System.Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } root)
        {
            env.TryAdd("DOTNET_ROOT", root);
        }

        env.TryAdd("PATH", System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        // env -i: the child gets exactly the case's environment, as the in-process run did.
        string[] argv = ["-i", .. env.Select(kv => $"{kv.Key}={kv.Value}"), Path.Combine(AppContext.BaseDirectory, "cnitest"),
            .. c.Args.Select(ws.Expand)];

        // Act
        var output = await HelperCommand.RunAsync(null, "env", argv, ct: TestContext.Current.CancellationToken);

        // Assert
        AssertEnding(c, output.ExitCode, output.Stdout, output.Stderr);
    }

    private static void AssertEnding(BadInputCase c, int exit, string stdout, string stderr)
    {
        var why = $"case {c.Id} ({c.Table}); exit {exit}; stderr:\n{Head(stderr)}\nstdout:\n{Head(stdout)}";
        stderr.Should().NotContain("   at ", why).And.NotContain("Unhandled exception", why).And.NotContain("internal error", why);
        stderr.Length.Should().BeLessThan(MaxStderr, why);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Where(l => !l.StartsWith("cnitest: ", StringComparison.Ordinal)).Should().BeEmpty($"every stderr line is a cnitest: line; {why}");
        exit.Should().Be(c.Exit, why);
        var where = c.Stream == "stdout" ? stdout.Split('\n') : lines;
        where.Should().Contain(l => c.MessagePattern.IsMatch(l), $"a line must match /{c.Message}/; {why}");
    }

    private static string Head(string text) => text.Length <= 2000 ? text : text[..2000] + $"… ({text.Length} chars)";
}

/// <summary>
/// The machine around the whole corpus: <see cref="MachineState"/> before the first case and after the last, plus a
/// cheap listing of the directories the CLI could write to by default, compared around every case.
/// </summary>
public sealed class MachineGuard : IAsyncLifetime
{
    // /run/netns and /run/cni are shared with other programs: MachineState compares only cnitest's names there.
    private static readonly string[] Watched = ["/var/lib/cni", "/var/lib/cnitest", "/etc/cni/net.d"];
    private MachineState? _before;

    public string CheapListing()
    {
        var text = new StringBuilder();
        foreach (var dir in Watched)
        {
            text.Append(dir).Append(Directory.Exists(dir) ? ":\n" : ": (absent)\n");
            if (Directory.Exists(dir))
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    text.Append(entry).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    public async ValueTask InitializeAsync()
    {
        // The full state needs iptables-save and nft, which need root; without root the cheap listing still guards.
        if (Privileges.CanRunAsRoot)
        {
            _before = await MachineState.TakeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_before is not null)
        {
            var changes = (await MachineState.TakeAsync()).ChangesSince(_before);
            if (changes.Count > 0)
            {
                throw new InvalidOperationException("the bad-input corpus changed the machine:\n" + string.Join('\n', changes));
            }
        }
    }
}
