namespace CniTest.PluginSdk.Errors;

/// <summary>
/// Error codes a plugin may report (SPEC §5 "Error"; checklist R45). 0–99 are reserved by the spec and may
/// only be used with the meanings below (P5); plugin-specific codes start at 100.
/// The plugin side's own set, beside the Harness's <c>CniTest.Harness.Errors.CniErrorCodes</c>: the plugins depend on
/// nothing of the product, so they stay small and AOT-clean, and the Harness judges them as it judges any plugin.
/// </summary>
public static class CniErrorCodes
{
    /// <summary>The request's <c>cniVersion</c> is not supported, or the verb does not exist at that version.</summary>
    public const uint IncompatibleCniVersion = 1;

    /// <summary>A configuration field is not supported; the message must name the key and the value (P4).</summary>
    public const uint UnsupportedField = 2;

    /// <summary>The container is unknown or does not exist.</summary>
    public const uint UnknownContainer = 3;

    /// <summary>Invalid necessary environment variables; the message must name them (P4).</summary>
    public const uint InvalidEnvironmentVariables = 4;

    /// <summary>An I/O failure, e.g. reading stdin.</summary>
    public const uint IoFailure = 5;

    /// <summary>The content (network configuration, version info) could not be decoded.</summary>
    public const uint DecodingFailure = 6;

    /// <summary>The network configuration is invalid.</summary>
    public const uint InvalidNetworkConfig = 7;

    /// <summary>A transient failure: the runtime may retry later.</summary>
    public const uint TryAgainLater = 11;

    /// <summary>STATUS: the plugin cannot service ADD requests (spec 1.1.0 STATUS section, P45).</summary>
    public const uint PluginNotAvailable = 50;

    /// <summary>STATUS: not available, and existing containers may have limited connectivity.</summary>
    public const uint LimitedConnectivity = 51;

    /// <summary>First code plugins may use freely.</summary>
    public const uint FirstPluginSpecific = 100;

    /// <summary>Unexpected failure inside the plugin (the code Go's skel uses for untyped errors).</summary>
    public const uint Internal = 999;
}
