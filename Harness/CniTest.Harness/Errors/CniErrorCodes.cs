namespace CniTest.Harness.Errors;

/// <summary>
/// The spec's well-known error codes (SPEC §5 "Error"; checklist R45). 0–99 are reserved. The codes themselves are
/// in <c>CniErrorCodes.Spec.cs</c>, shared with our plugins' SDK; the runtime's own additions are here.
/// </summary>
public static partial class CniErrorCodes
{
    /// <summary>Not in the spec; what the runtime reports for a failure that carried no error object.</summary>
    public const uint Unknown = 0;

    /// <summary>True when <paramref name="code"/> has a defined meaning or is plugin-specific (P5).</summary>
    public static bool IsDefined(uint code) =>
        code is >= 1 and <= 7 or 11 or 50 or 51 || code >= FirstPluginSpecific;

    /// <summary>A short name for a code, for reports.</summary>
    public static string Describe(uint code) => code switch
    {
        IncompatibleCniVersion => "incompatible CNI version",
        UnsupportedField => "unsupported field in network configuration",
        UnknownContainer => "container unknown or does not exist",
        InvalidEnvironmentVariables => "invalid necessary environment variables",
        IoFailure => "I/O failure",
        DecodingFailure => "failed to decode content",
        InvalidNetworkConfig => "invalid network config",
        TryAgainLater => "try again later",
        PluginNotAvailable => "plugin not available",
        LimitedConnectivity => "plugin not available, existing containers may have limited connectivity",
        >= FirstPluginSpecific => "plugin-specific",
        _ => "undefined (reserved)",
    };
}
