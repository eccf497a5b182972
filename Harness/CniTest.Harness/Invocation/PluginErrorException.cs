using CniTest.Harness.Errors;

namespace CniTest.Harness.Invocation;

/// <summary>
/// A plugin call failed. Carries the error object (the plugin's own, or one synthesised with code 0 as libcni
/// does when there was none, R26), the failure shape and the full invocation record.
/// </summary>
public sealed class PluginErrorException : CniHarnessException
{
    /// <summary>Describes the failed call the way libcni words it (R30).</summary>
    public PluginErrorException(string pluginType, FailureShape shape, CniErrorObject error, InvocationRecord record)
        : base(Describe(pluginType, record.Command, shape, error, record))
    {
        PluginType = pluginType;
        Shape = shape;
        Error = error;
        Record = record;
    }

    /// <summary>The plugin's <c>type</c>.</summary>
    public string PluginType { get; }

    /// <summary>How the call failed (error object, no output, signal, timeout, …).</summary>
    public FailureShape Shape { get; }

    /// <summary>The plugin's error object, or one synthesised with code 0 when it printed none (R26).</summary>
    public CniErrorObject Error { get; }

    /// <summary>The call.</summary>
    public InvocationRecord Record { get; }

    /// <summary>The plugin's error code (0 when the plugin gave none).</summary>
    public uint Code => Error.Code;

    private static string Describe(string type, string command, FailureShape shape, CniErrorObject error, InvocationRecord r)
    {
        // Wording follows libcni's "plugin type=... failed (add): ..." so log-grepping habits carry over (R30).
        var verb = command.ToLowerInvariant();
        var why = shape switch
        {
            FailureShape.ErrorObject => $"code {error.Code}: {error}",
            FailureShape.TimedOut => $"timed out after {r.Duration.TotalSeconds:0.###}s; the plugin and its children were killed",
            FailureShape.KilledBySignal => $"killed by signal {r.Signal}{StderrSuffix(r)}",
            FailureShape.NoOutput => $"netplugin failed with no error message: exit status {r.ExitCode}",
            FailureShape.StderrOnly => $"netplugin failed: \"{r.StderrText.Trim()}\": exit status {r.ExitCode}",
            FailureShape.UnparsableStdout => $"netplugin failed but error parsing its diagnostic message \"{Trim(r.StdoutText)}\": exit status {r.ExitCode}",
            FailureShape.NotAnErrorObject => $"netplugin failed and its stdout is not an error object: \"{Trim(r.StdoutText)}\": exit status {r.ExitCode}",
            _ => error.ToString(),
        };
        return $"plugin type=\"{type}\" failed ({verb}): {why}";
    }

    private static string StderrSuffix(InvocationRecord r) =>
        r.Stderr.Length == 0 ? "" : $": \"{Trim(r.StderrText)}\"";

    private static string Trim(string s)
    {
        s = s.Trim();
        return s.Length <= 300 ? s : s[..300] + "…";
    }
}
