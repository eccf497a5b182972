using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Harness.Results;
using CniTest.Harness.Sandbox;

namespace CniTest.Cli;

/// <summary>Turns any failure into one readable line (plus plugin stderr when useful) and an exit code.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception e, TextWriter error)
    {
        switch (e)
        {
            case OperationCanceledException:
                error.WriteLine("cnitest: interrupted");
                return ExitCodes.Interrupted;
            case UsageException or ConfigException or NetworkNotFoundException or PluginNotFoundException or SandboxException
                or Scenarios.EnvironmentProblemException:
                error.WriteLine($"cnitest: {OneLine.Of(e.Message)}");
                return ExitCodes.UsageOrEnvironment;
            case IOException or UnauthorizedAccessException:
                // The machine refused a file operation (a cache directory that cannot be created, a full disk).
                error.WriteLine($"cnitest: {OneLine.Of(e.Message)}");
                return ExitCodes.UsageOrEnvironment;
            case PluginErrorException p:
                error.WriteLine($"cnitest: {OneLine.Of(p.Message)}");
                if (p.Shape == FailureShape.ErrorObject && p.Record.Stderr.Length > 0)
                {
                    error.WriteLine($"cnitest: plugin stderr: {OneLine.Of(p.Record.StderrText)}");
                }

                return ExitCodes.Failure;
            case OperationErrorsException o when o.Errors.Count > 0 && o.Errors.All(x => (x.InnerException ?? x) is PluginNotFoundException):
                // gc and del collect every plugin's failure; when each is "not on CNI_PATH" it is the environment's (exit 2).
                error.WriteLine($"cnitest: {OneLine.Of(e.Message)}");
                return ExitCodes.UsageOrEnvironment;
            case RuntimeValidationException v:
                error.WriteLine($"cnitest: invalid request (code {v.Error.Code}): {OneLine.Of(v.Message)}");
                return ExitCodes.Failure;
            case OperationErrorsException or ResultParseException or ResultConversionException or CniHarnessException:
                error.WriteLine($"cnitest: {OneLine.Of(e.Message)}");
                return ExitCodes.Failure;
            default:
                // A bug in cnitest, not in the plugin: say so, with the type, but still no stack trace by default.
                error.WriteLine($"cnitest: internal error ({e.GetType().Name}): {OneLine.Of(e.Message)}");
                if (Environment.GetEnvironmentVariable("CNITEST_DEBUG") == "1")
                {
                    error.WriteLine(e);
                }

                return ExitCodes.Failure;
        }
    }
}
