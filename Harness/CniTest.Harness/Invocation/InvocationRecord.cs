#pragma warning disable CS1591 // documented by the runtime refactor (issue 9)
namespace CniTest.Harness.Invocation;

/// <summary>
/// Everything observed about one plugin execution: what was sent and what came back. Reports, replay command
/// lines and the output-contract rules all work from this record.
/// </summary>
public sealed record InvocationRecord
{
    public required string PluginPath { get; init; }
    public required string Command { get; init; }
    /// <summary>The <c>CNI_*</c> variables exactly as the plugin saw them (inherited variables are not listed).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    public required byte[] Stdin { get; init; }
    public required byte[] Stdout { get; init; }
    public required byte[] Stderr { get; init; }
    /// <summary>Exit status; null when the process could not be started.</summary>
    public int? ExitCode { get; init; }
    /// <summary>The signal that ended the plugin, when it died of one (exit status 128+N as reported by .NET).</summary>
    public int? Signal { get; init; }
    public bool TimedOut { get; init; }
    public TimeSpan Duration { get; init; }

    public string StdinText => System.Text.Encoding.UTF8.GetString(Stdin);
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);
    public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr);

    public bool Succeeded => ExitCode == 0 && !TimedOut && Signal is null;
}
