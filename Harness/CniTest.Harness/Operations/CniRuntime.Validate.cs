using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Operations;

public sealed partial class CniRuntime
{
    /// <summary>Capability names defined in CONVENTIONS.md (checklist §3.9).</summary>
    public static IReadOnlySet<string> WellKnownCapabilities { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "portMappings", "ipRanges", "bandwidth", "dns", "ips", "mac", "infinibandGUID", "deviceID", "aliases", "cgroupPath", "io.kubernetes.cri.pod-annotations",
    };

    /// <summary>
    /// Static checks of a list without attaching anything (libcni <c>ValidateNetworkList</c>, R14, extended):
    /// name rules, every plugin and IPAM binary on CNI_PATH, the list version in each one's VERSION answer
    /// (exact string, R17), and the capabilities each declares.
    /// </summary>
    public async Task<IReadOnlyList<ValidationFinding>> ValidateNetworkListAsync(NetworkConfigList list, CancellationToken ct = default)
    {
        var findings = new List<ValidationFinding>();
        var version = VersionOf(list);
        try
        {
            NameValidation.ValidateNetworkName(list.Name);
        }
        catch (RuntimeValidationException e)
        {
            findings.Add(new(FindingSeverity.Error, list.Name, $"network name: {e.Message}"));
        }

        if (!CniVersion.TryParse(list.CniVersion, out var parsed, out var versionError))
        {
            findings.Add(new(FindingSeverity.Error, list.Name, $"cniVersion: {versionError}"));
        }
        else if (parsed > CniVersion.Current)
        {
            findings.Add(new(FindingSeverity.Error, list.Name, $"cniVersion \"{list.CniVersion}\" is newer than this runtime supports ({CniVersion.Current})"));
        }
        else if (string.IsNullOrEmpty(list.CniVersion))
        {
            findings.Add(new(FindingSeverity.Warning, list.Name, "no cniVersion: plugins will treat it as 0.1.0 (bug k8s#109686)"));
        }

        foreach (var plugin in list.Plugins)
        {
            await ValidatePluginAsync(list, plugin.Type, version, findings, ct);
            if (plugin.IpamType is { } ipam)
            {
                await ValidatePluginAsync(list, ipam, version, findings, ct, $"ipam of {plugin.Type}");
            }

            foreach (var cap in plugin.EnabledCapabilities)
            {
                findings.Add(WellKnownCapabilities.Contains(cap)
                    ? new(FindingSeverity.Info, list.Name, $"capability \"{cap}\" enabled", plugin.Type)
                    : new(FindingSeverity.Warning, list.Name, $"capability \"{cap}\" is not a well-known capability (CONVENTIONS.md)", plugin.Type));
            }
        }

        return findings;
    }

    private async Task ValidatePluginAsync(NetworkConfigList list, string type, string version,
        List<ValidationFinding> findings, CancellationToken ct, string? role = null)
    {
        var label = role is null ? type : $"{type} ({role})";
        string path;
        try
        {
            path = FindPlugin(type);
        }
        catch (CniHarnessException e)
        {
            findings.Add(new(FindingSeverity.Error, list.Name, $"plugin binary missing: {e.Message}", label));
            return;
        }

        try
        {
            var info = await _invoker.GetVersionInfoAsync(type, path, timeout: Options.Timeout ?? TimeSpan.FromSeconds(10), ct: ct);
            findings.Add(info.Supports(version)
                ? new(FindingSeverity.Info, list.Name, $"supports {version} ({path})", label)
                : new(FindingSeverity.Error, list.Name,
                    $"does not support config version \"{version}\" (it supports [{string.Join(", ", info.SupportedVersions)}])", label));
        }
        catch (CniHarnessException e)
        {
            findings.Add(new(FindingSeverity.Error, list.Name, $"VERSION failed: {e.Message}", label));
        }
    }
}
