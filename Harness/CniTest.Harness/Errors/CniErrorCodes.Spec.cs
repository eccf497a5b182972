// The spec's well-known error codes, one source for both sides of the CNI boundary: compiled into the Harness
// (CniTest.Harness.Errors) and, as a linked source file, into our plugins' SDK (CniTest.PluginSdk.Errors; its csproj
// defines CNITEST_PLUGIN_SDK). A linked file, not a reference: the SDK depends on nothing of the product, so the
// NativeAOT plugins stay small, and the Harness judges them as it judges any plugin.
#if CNITEST_PLUGIN_SDK
namespace CniTest.PluginSdk.Errors;
#else
namespace CniTest.Harness.Errors;
#endif

public static partial class CniErrorCodes
{
    /// <summary>Incompatible CNI version: the config's version is not supported, or the verb does not exist at it (skel; CHECK below 0.4.0).</summary>
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

    /// <summary>STATUS: the plugin cannot service ADD (spec 1.1.0 STATUS section, P45).</summary>
    public const uint PluginNotAvailable = 50;

    /// <summary>STATUS: not available, and existing containers may have limited connectivity.</summary>
    public const uint LimitedConnectivity = 51;

    /// <summary>First code that plugins may use freely; 0–99 are reserved by the spec (P5).</summary>
    public const uint FirstPluginSpecific = 100;
}
