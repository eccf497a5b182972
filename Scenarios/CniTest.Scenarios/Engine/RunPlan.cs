using CniTest.Harness.Invocation;
using CniTest.Harness.Versioning;

using CniTest.Scenarios.Configs;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Engine;

/// <summary>Everything fixed before the checks run: the plugin, its network, its versions and traits.</summary>
public sealed record RunPlan
{
    public required RunOptions Options { get; init; }
    public required NetworkSpec Network { get; init; }

    /// <summary><c>CNI_PATH</c> for every call: the plugin's folder first, then the partner directories.</summary>
    public required IReadOnlyList<string> CniPath { get; init; }

    /// <summary>The plugin's VERSION reply; null when it gave none that could be read.</summary>
    public VersionInfo? VersionReply { get; init; }

    /// <summary>The spec versions the plugin advertises, oldest first (unknown strings left out).</summary>
    public required IReadOnlyList<string> Advertised { get; init; }

    /// <summary>Versions of the version matrix, with the reason where one is skipped.</summary>
    public required IReadOnlyList<(string Version, string? SkipReason)> Matrix { get; init; }

    /// <summary>Versions the deeper checks run at (the highest usable one, or all with --cni-version all).</summary>
    public required IReadOnlyList<string> DeepVersions { get; init; }

    public PluginTraits Traits { get; init; } = PluginTraits.Default;

    /// <summary>Partner VERSION replies by binary path.</summary>
    public required IReadOnlyDictionary<string, VersionInfo?> PartnerVersions { get; init; }

    public PluginRole Role => Network.Role;
    public string PluginPath => Options.PluginPath;
    public string PluginType => Path.GetFileName(Options.PluginPath);

    /// <summary>The version a partner runs at when the chain speaks <paramref name="version"/>: the same, or its newest older one (its result is converted).</summary>
    public string? PartnerVersion(ChainMember partner, string version)
    {
        if (!PartnerVersions.TryGetValue(partner.BinaryPath, out var info) || info is null || info.Supports(version))
        {
            return version;
        }

        var wanted = CniVersion.Parse(version);
        return info.SupportedVersions
            .Where(v => SpecVersions.IsKnown(v) && CniVersion.Parse(v) < wanted && (CniVersion.Parse(v) >= CniVersion.V030 || wanted < CniVersion.V030))
            .OrderByDescending(CniVersion.Parse)
            .FirstOrDefault();
    }

    /// <summary>True when the plugin advertises 1.1.0 (GC and STATUS exist).</summary>
    public bool Advertises110 => Advertised.Contains(SpecVersions.Latest);
}
