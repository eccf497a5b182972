using System.ComponentModel;
using System.Diagnostics;
using CniTest.Harness.Sandbox;

namespace CniTest.Scenarios.Sandbox;

/// <summary>What a helper command (ip, iptables-save, nft) printed.</summary>
public sealed record CommandOutput(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// Runs the harness's own helper tools (ip, iptables-save, nft) inside a namespace it created. Only the harness
/// shells out to these; the plugins under test are run by the executor. The process is started on a thread that
/// joined the namespace (no nsenter needed), so the machine's own namespace is never the target.
/// </summary>
public static class NetnsCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="file"/> in <paramref name="netnsPath"/>; throws when it exits non-zero.</summary>
    public static async Task<string> RunCheckedAsync(string netnsPath, string file, IReadOnlyList<string> args,
        string? stdin = null, CancellationToken ct = default)
    {
        var output = await RunAsync(netnsPath, file, args, stdin, ct);
        if (output.ExitCode != 0)
        {
            throw new SandboxCommandException(
                $"{file} {string.Join(' ', args)} failed in the fake host (exit {output.ExitCode}): {output.Stderr.Trim()}");
        }

        return output.Stdout;
    }

    /// <summary>Runs <paramref name="file"/> in <paramref name="netnsPath"/> and returns what it printed.</summary>
    public static async Task<CommandOutput> RunAsync(string netnsPath, string file, IReadOnlyList<string> args,
        string? stdin = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = new Process { StartInfo = psi };
        try
        {
            NamespaceThread.Run(netnsPath, process.Start);
        }
        catch (Win32Exception e)
        {
            throw new EnvironmentProblemException($"cannot run {file}: {e.Message} (cnitest needs iproute2, iptables and nftables)", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The tool exited without reading stdin; its exit code says what happened.
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            throw new SandboxCommandException($"{file} {string.Join(' ', args)} did not finish within {Limit.TotalSeconds} s");
        }

        return new CommandOutput(process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>A helper command the harness ran in its own namespaces failed (a harness or environment problem).</summary>
public sealed class SandboxCommandException(string message) : Exception(message);
