using CniTest.Harness.Errors;

namespace CniTest.Harness.Invocation;

/// <summary>Turns an invocation record into a failure shape and an error object (R26).</summary>
public static class FailureClassifier
{
    /// <summary>The shape of <paramref name="record"/>; <see cref="FailureShape.None"/> for a clean exit 0.</summary>
    public static FailureShape Classify(InvocationRecord record)
    {
        if (record.TimedOut)
        {
            return FailureShape.TimedOut;
        }

        if (record.Signal is not null)
        {
            return FailureShape.KilledBySignal;
        }

        if (record.ExitCode == 0)
        {
            return FailureShape.None;
        }

        if (IsBlank(record.Stdout))
        {
            return IsBlank(record.Stderr) ? FailureShape.NoOutput : FailureShape.StderrOnly;
        }

        var json = StdoutDocuments.First(record.Stdout);
        if (json is null)
        {
            return FailureShape.UnparsableStdout;
        }

        return CniErrorObject.TryParse(json) is null ? FailureShape.NotAnErrorObject : FailureShape.ErrorObject;
    }

    /// <summary>Builds the exception for a failed record; the error object is synthesised (code 0) if needed.</summary>
    public static PluginErrorException ToException(string pluginType, InvocationRecord record)
    {
        var shape = Classify(record);
        var error = shape == FailureShape.ErrorObject
            ? CniErrorObject.TryParse(StdoutDocuments.First(record.Stdout))!
            : new CniErrorObject(CniErrorCodes.Unknown, record.StderrText.Trim());
        return new PluginErrorException(pluginType, shape, error, record);
    }

    private static bool IsBlank(byte[] bytes) => bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t');
}
