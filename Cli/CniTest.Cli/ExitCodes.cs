namespace CniTest.Cli;

/// <summary>Exit codes of every cnitest command (documented in the README and in --help).</summary>
public static class ExitCodes
{
    /// <summary>The operation succeeded (for validate: no errors; for run: no failed check).</summary>
    public const int Success = 0;
    /// <summary>A plugin or the operation failed (for validate: the config is invalid).</summary>
    public const int Failure = 1;
    /// <summary>
    /// Usage, configuration or environment error: nothing was attempted or it could not be. For <c>run</c> and
    /// <c>report merge</c> also a check that errored (did not run to its end: a harness problem or an internal error
    /// of cnitest) when no check failed: the run is no whole verdict, so it must not pass.
    /// </summary>
    public const int UsageOrEnvironment = 2;
    /// <summary>Interrupted by Ctrl-C / SIGTERM.</summary>
    public const int Interrupted = 130;
}
