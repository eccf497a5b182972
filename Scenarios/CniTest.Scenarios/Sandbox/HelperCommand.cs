using System.ComponentModel;
using System.Text;
using CliWrap;
using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>What a helper command (ip, iptables-save, nft) printed.</summary>
public sealed record CommandOutput(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The one way cnitest and its tests run a helper tool (ip, nft, iptables, iptables-save), through CliWrap: in a
/// network namespace cnitest created, or in this process's own. Only the harness shells out to these; the plugins
/// under test are run by the executor (<see cref="Harness.Invocation.ProcessPluginExecutor"/>). A tool that runs
/// longer than <see cref="TimeLimit"/>, or whose caller cancels, is killed with everything it started.
/// </summary>
/// <remarks>
/// No nsenter: CliWrap's <c>ExecuteAsync</c> starts the process before it returns (start failures are thrown
/// synchronously, CliWrap#139), and a process started on a thread that did <c>setns(CLONE_NEWNET)</c> is born in
/// that namespace. Checked by experiment (2026-12, CliWrap 3.10.5): <c>readlink /proc/self/ns/net</c> started with
/// <c>ExecuteAsync</c> on a <see cref="NamespaceThread"/> printed the thread's namespace, not the process's. Only the
/// start happens on that thread; the piping and the wait continue on pool threads, which never entered a namespace.
/// </remarks>
public static class HelperCommand
{
    /// <summary>How long a helper command may run before it is killed.</summary>
    public static TimeSpan TimeLimit { get; } = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="file"/>; returns its stdout and throws when it exits non-zero.</summary>
    /// <param name="netnsPath">The network namespace to run in (a pin cnitest made); null for this process's own.</param>
    /// <param name="file">The tool, found on <c>PATH</c>.</param>
    /// <param name="args">Its arguments, passed as they are.</param>
    /// <param name="stdin">Text for its standard input; null closes it at once.</param>
    /// <param name="ct">Kills the tool and throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="SandboxCommandException">The tool failed or did not finish within <see cref="TimeLimit"/>.</exception>
    /// <exception cref="EnvironmentProblemException">The tool is not installed.</exception>
    public static async Task<string> RunCheckedAsync(string? netnsPath, string file, IReadOnlyList<string> args,
        string? stdin = null, CancellationToken ct = default)
    {
        var output = await RunAsync(netnsPath, file, args, stdin, ct);
        if (output.ExitCode != 0)
        {
            throw new SandboxCommandException(
                $"{file} {string.Join(' ', args)} failed{(netnsPath is null ? "" : " in the fake host")} (exit {output.ExitCode}): {output.Stderr.Trim()}");
        }

        return output.Stdout;
    }

    /// <summary>
    /// The stdout of a read-only tool that this machine may lack (ip6tables-save, nft), whatever its exit code; ""
    /// when the tool is not installed: a firewall tool that is absent holds no rules to report.
    /// </summary>
    /// <inheritdoc cref="RunCheckedAsync" path="/param"/>
    public static async Task<string> OutputIfInstalledAsync(string? netnsPath, string file, IReadOnlyList<string> args,
        string? stdin = null, CancellationToken ct = default)
    {
        try
        {
            return (await RunAsync(netnsPath, file, args, stdin, ct)).Stdout;
        }
        catch (EnvironmentProblemException)
        {
            return "";
        }
    }

    /// <summary>Runs <paramref name="file"/> and returns what it printed, whatever its exit code.</summary>
    /// <inheritdoc cref="RunCheckedAsync" path="/param"/>
    /// <exception cref="SandboxCommandException">The tool did not finish within <see cref="TimeLimit"/>.</exception>
    /// <exception cref="EnvironmentProblemException">The tool is not installed.</exception>
    public static async Task<CommandOutput> RunAsync(string? netnsPath, string file, IReadOnlyList<string> args,
        string? stdin = null, CancellationToken ct = default)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var command = Cli.Wrap(file)
            .WithArguments(args)
            .WithStandardInputPipe(stdin is null ? PipeSource.Null : PipeSource.FromString(stdin, Encoding.UTF8))
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(stdout, Encoding.UTF8))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr, Encoding.UTF8))
            .WithValidation(CommandResultValidation.None);

        // CliWrap kills the tool (and its children) when this token fires: the caller cancelled, or time ran out.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeLimit);
        CommandTask<CommandResult> running;
        try
        {
            running = netnsPath is null
                ? command.ExecuteAsync(limit.Token)
                : NamespaceThread.Run(netnsPath, () => command.ExecuteAsync(limit.Token));
        }
        catch (Win32Exception e)
        {
            throw new EnvironmentProblemException(
                $"cannot run {file}: {(e.InnerException ?? e).Message} (cnitest needs iproute2, iptables and nftables)", e);
        }

        try
        {
            var result = await running;
            return new CommandOutput(result.ExitCode, stdout.ToString(), stderr.ToString());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new SandboxCommandException($"{file} {string.Join(' ', args)} did not finish within {TimeLimit.TotalSeconds} s");
        }
    }
}
