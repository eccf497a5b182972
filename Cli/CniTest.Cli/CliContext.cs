using CniTest.Harness.Invocation;
using CniTest.Harness.Sandbox;

namespace CniTest.Cli;

/// <summary>
/// Everything the CLI takes from its surroundings, so tests run it in-process with their own environment,
/// writers and executor instead of mutating process-global state (STYLE "habits not to copy").
/// </summary>
public sealed record CliContext(Func<string, string?> GetEnvironmentVariable, TextWriter Out, TextWriter Error)
{
    /// <summary>When set, used instead of a real <see cref="ProcessPluginExecutor"/> (tests, fake hosts).</summary>
    public IPluginExecutor? Executor { get; init; }

    /// <summary>
    /// Whether a path is a network namespace, asked before add and check run any plugin. Tests whose fake executor
    /// never opens the namespace replace it, so they can keep cnitool's example paths (container id vectors).
    /// </summary>
    public Func<string, bool> IsNetworkNamespace { get; init; } = NetworkNamespace.IsNetworkNamespaceFile;

    /// <summary>The working directory relative paths are resolved against.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    public static CliContext FromProcess() =>
        new(Environment.GetEnvironmentVariable, Console.Out, Console.Error);

    public string? Env(string name)
    {
        var v = GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(v) ? null : v;
    }

    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
