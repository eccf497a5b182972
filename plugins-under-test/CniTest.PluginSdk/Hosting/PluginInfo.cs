using CniTest.PluginSdk.Versioning;

namespace CniTest.PluginSdk.Hosting;

/// <summary>What a plugin says about itself: the "about" text (P52) and the versions it accepts (P12, P13).</summary>
public sealed record PluginInfo(string About)
{
    /// <summary>Versions accepted by exact string match (R17); every spec version by default.</summary>
    public IReadOnlyList<string> SupportedVersions { get; init; } = CniVersions.All;
}
