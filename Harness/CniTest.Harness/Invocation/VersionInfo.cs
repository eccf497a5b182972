namespace CniTest.Harness.Invocation;

/// <summary>What a plugin answered to VERSION (checklist §3.7, R18).</summary>
/// <param name="CniVersion">The reply's own <c>cniVersion</c>.</param>
/// <param name="SupportedVersions">The versions the plugin claims, exactly as written.</param>
/// <param name="Record">The call, or null when the answer was inferred (a pre-0.2.0 plugin).</param>
public sealed record VersionInfo(string CniVersion, IReadOnlyList<string> SupportedVersions, InvocationRecord? Record)
{
    /// <summary>Exact-string support check, as skel and ValidateNetworkList do (R14, R17).</summary>
    public bool Supports(string version) => SupportedVersions.Contains(string.IsNullOrEmpty(version) ? "0.1.0" : version);
}
