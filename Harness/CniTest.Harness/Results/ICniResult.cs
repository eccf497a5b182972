using System.Text.Json.Nodes;

namespace CniTest.Harness.Results;

/// <summary>
/// A parsed ADD result of one spec family (0.1.0/0.2.0, 0.3.x/0.4.0, 1.x; checklist R41), after Go's
/// <c>types.Result</c>. Create one with <see cref="ResultParser"/>; convert with <see cref="ConvertTo"/>.
/// </summary>
public interface ICniResult
{
    /// <summary>The result's own <c>cniVersion</c>.</summary>
    string CniVersion { get; }

    /// <summary>
    /// Converts to <paramref name="version"/> through the explicit converter table (R42).
    /// Throws <see cref="ResultConversionException"/> when the spec allows no conversion.
    /// </summary>
    ICniResult ConvertTo(string version);

    /// <summary>The result in its version's wire shape (unknown input keys are dropped, R31).</summary>
    JsonObject ToJson();
}

/// <summary>Plugin output that is not a valid result for its version (R44).</summary>
public sealed class ResultParseException(string message, Exception? inner = null)
    : Errors.CniHarnessException(message, inner);

/// <summary>No conversion path between two versions, or the data cannot be expressed in the target (R42).</summary>
public sealed class ResultConversionException(string message) : Errors.CniHarnessException(message);
