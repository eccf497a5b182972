namespace CniTest.PluginSdk.Errors;

/// <summary>
/// A failure that the plugin reports to the runtime as the spec's error object (SPEC §5; checklist §3.6):
/// <c>{"cniVersion", "code", "msg", "details"}</c> on stdout with a non-zero exit. Throw it from plugin code
/// to choose the code; any other exception becomes <see cref="CniErrorCodes.Internal"/>.
/// </summary>
public sealed class CniPluginException : Exception
{
    /// <summary>Creates an error with a spec or plugin-specific code.</summary>
    public CniPluginException(uint code, string msg, string? details = null, Exception? inner = null)
        : base(msg, inner)
    {
        Code = code;
        Details = details ?? "";
    }

    /// <summary>The error code (1–99 only with the spec's meaning, P5).</summary>
    public uint Code { get; }

    /// <summary>The short message (<c>msg</c>).</summary>
    public string Msg => Message;

    /// <summary>Longer details (<c>details</c>); empty when there are none.</summary>
    public string Details { get; }

    /// <summary>Go's <c>types.Error.Error()</c> text: <c>msg</c>, or <c>msg; details</c>.</summary>
    public override string ToString() => Details.Length == 0 ? Msg : $"{Msg}; {Details}";
}
