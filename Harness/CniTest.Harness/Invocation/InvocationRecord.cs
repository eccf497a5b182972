namespace CniTest.Harness.Invocation;

/// <summary>
/// Everything observed about one plugin execution: what was sent and what came back. Reports, replay command
/// lines and the output-contract rules all work from this record.
/// </summary>
public sealed record InvocationRecord
{
    /// <summary>The binary that was run.</summary>
    public required string PluginPath { get; init; }

    /// <summary>The <c>CNI_COMMAND</c> of the call.</summary>
    public required string Command { get; init; }

    /// <summary>The <c>CNI_*</c> variables exactly as the plugin saw them (inherited variables are not listed).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The bytes written to the plugin's stdin (the request).</summary>
    public required byte[] Stdin { get; init; }

    /// <summary>Everything the plugin printed on stdout (a result or an error object, P1–P2).</summary>
    public required byte[] Stdout { get; init; }

    /// <summary>Everything the plugin printed on stderr (free text, never judged, P7).</summary>
    public required byte[] Stderr { get; init; }

    /// <summary>Exit status; null when the process could not be started.</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the plugin, when it died of one (exit status 128+N as reported by .NET).</summary>
    public int? Signal { get; init; }

    /// <summary>True when the call was killed for taking longer than its timeout.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Wall time from start to exit.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>
    /// Processes the plugin started that were still running when it exited and held its stdout or stderr open: a Go
    /// runtime (libcni's exec) waits for the pipe to close, so its call hangs until they exit (P73). Empty when the
    /// executor does not track processes.
    /// </summary>
    public IReadOnlyList<CniTest.Harness.Sandbox.TrackedProcess> PipeHolders { get; init; } = [];

    /// <summary>
    /// Every process still running in the fake host's process cgroup right after this call (started by this or an
    /// earlier call; issue 12). Empty when the executor does not track processes.
    /// </summary>
    public IReadOnlyList<CniTest.Harness.Sandbox.TrackedProcess> Survivors { get; init; } = [];

    /// <summary><see cref="Stdin"/> as UTF-8 text.</summary>
    public string StdinText => System.Text.Encoding.UTF8.GetString(Stdin);

    /// <summary><see cref="Stdout"/> as UTF-8 text.</summary>
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);

    /// <summary><see cref="Stderr"/> as UTF-8 text.</summary>
    public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr);

    /// <summary>Exit 0, no signal, no timeout (R26).</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut && Signal is null;
}
