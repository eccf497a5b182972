namespace CniTest.Harness.Errors;

/// <summary>The spec's well-known error codes (SPEC §5 "Error"; checklist R45). 0–99 are reserved.</summary>
public static class CniErrorCodes
{
    /// <summary>Not in the spec; what the runtime reports for a failure that carried no error object.</summary>
    public const uint Unknown = 0;

    /// <summary>Incompatible CNI version: the config's version is not supported (skel; CHECK below 0.4.0).</summary>
    public const uint IncompatibleCniVersion = 1;

    /// <summary>Unsupported field in network configuration; the message must name the key and the value (P4).</summary>
    public const uint UnsupportedField = 2;

    /// <summary>
    /// Container unknown or does not exist; the runtime need not clean up. libcni also uses it for an empty
    /// container id (R10, a quirk).
    /// </summary>
    public const uint UnknownContainer = 3;

    /// <summary>Invalid necessary environment variables; the message must name them (P4).</summary>
    public const uint InvalidEnvironmentVariables = 4;

    /// <summary>I/O failure, e.g. reading stdin (1.0.0).</summary>
    public const uint IoFailure = 5;

    /// <summary>Failed to decode content: the config or version info (1.0.0).</summary>
    public const uint DecodingFailure = 6;

    /// <summary>Invalid network config, e.g. a bad network name (R9; 1.0.0).</summary>
    public const uint InvalidNetworkConfig = 7;

    /// <summary>Try again later: a transient condition; libcni does not retry.</summary>
    public const uint TryAgainLater = 11;

    /// <summary>STATUS: the plugin cannot service ADD (spec 1.1.0 STATUS section).</summary>
    public const uint PluginNotAvailable = 50;

    /// <summary>STATUS: not available, and existing containers may have limited connectivity.</summary>
    public const uint LimitedConnectivity = 51;

    /// <summary>First code that plugins may use freely.</summary>
    public const uint FirstPluginSpecific = 100;

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
