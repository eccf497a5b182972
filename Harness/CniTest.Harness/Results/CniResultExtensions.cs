using CniTest.Harness.Results.V100;

namespace CniTest.Harness.Results;

/// <summary>Version-independent access to a result for scenarios (STYLE §3 "assert on the converted current-version result").</summary>
public static class CniResultExtensions
{
    /// <summary>
    /// The result as 1.1.0, converting up where needed, so callers inspect one shape whatever version the plugin
    /// answered in. Up-conversion never loses data; a 0.x result simply has no interfaces or 1.1 fields.
    /// </summary>
    public static Result100 ToCurrent(this ICniResult result) =>
        (Result100)ResultConverter.Convert(result, Versioning.CniVersion.Current.ToString());
}
