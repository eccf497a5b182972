namespace CniTest.Harness.Invocation;

/// <summary>
/// How a plugin call went wrong, told apart the way libcni's <c>RawExec.pluginErr</c> does (R26), plus the
/// shapes libcni folds together or never reports (signal, timeout, a result instead of an error).
/// </summary>
public enum FailureShape
{
    /// <summary>Exit 0 and nothing else wrong.</summary>
    None,
    /// <summary>Non-zero exit, empty stdout and stderr: "failed with no error message" (cni#732).</summary>
    NoOutput,
    /// <summary>Non-zero exit, empty stdout, text on stderr only.</summary>
    StderrOnly,
    /// <summary>Non-zero exit and stdout that is not JSON.</summary>
    UnparsableStdout,
    /// <summary>Non-zero exit and stdout that is JSON but not an error object (e.g. a result).</summary>
    NotAnErrorObject,
    /// <summary>Non-zero exit and a spec error object on stdout: the well-formed failure.</summary>
    ErrorObject,
    /// <summary>The plugin died of a signal it did not get from us.</summary>
    KilledBySignal,
    /// <summary>The call exceeded its timeout and the plugin's process tree was killed.</summary>
    TimedOut,
}
