namespace CniTest.PluginSdk.Errors;

/// <summary>
/// Error codes a plugin may report (SPEC §5 "Error"; checklist R45). 0–99 are reserved by the spec and may only be
/// used with their defined meanings (P5); plugin-specific codes start at 100. The spec's codes are compiled in from
/// the Harness's <c>Errors/CniErrorCodes.Spec.cs</c> (one source, no reference: see the csproj); the plugin side's own
/// addition is here.
/// </summary>
public static partial class CniErrorCodes
{
    /// <summary>Unexpected failure inside the plugin (the code Go's skel uses for untyped errors).</summary>
    public const uint Internal = 999;
}
