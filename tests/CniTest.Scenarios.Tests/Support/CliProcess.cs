using System.Diagnostics;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Tests.Support;

/// <summary>
/// The cnitest CLI started as a child process (the apphost built next to this test binary). It is the program under
/// test, read line by line while it runs, so it is a <see cref="Process"/> of its own, like a plugin under the
/// executor; the helper it needs (<c>kill</c>) goes through <see cref="HelperCommand"/>.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();

    private CliProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public static CliProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>Starts the CLI with <paramref name="env"/> added to this process's environment.</summary>
    public static CliProcess Start(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "cnitest"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["CI"] = "true";
        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var cli = new CliProcess(Process.Start(psi)!);
        cli._process.OutputDataReceived += (_, e) => cli.Add(e.Data);
        cli._process.ErrorDataReceived += (_, e) => cli.Add(e.Data);
        cli._process.BeginOutputReadLine();
        cli._process.BeginErrorReadLine();
        return cli;
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Waits until a line matching <paramref name="predicate"/> was printed.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> predicate, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            if (Lines.Any(predicate))
            {
                return true;
            }

            await Task.Delay(10);
        }

        return Lines.Any(predicate);
    }

    /// <summary>Sends SIGINT to this child only (by its pid), as Ctrl-C would.</summary>
    public Task InterruptAsync() =>
        HelperCommand.RunCheckedAsync(null, "kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var cts = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _lines.Add(line);
        }
    }
}
