using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.BrokenPlugins.Tests.Support;

namespace CniTest.BrokenPlugins.Tests.Probes;

/// <summary>Version handling (P6, P12, P13).</summary>
public static class VersionProbes
{
    /// <summary>P12: the VERSION reply lists at least one version.</summary>
    public static async Task<Evidence> EmptyReply(Lab lab, string plugin)
    {
        var version = await lab.VersionAsync(plugin);
        var list = version.SingleObject()?["supportedVersions"] as JsonArray;
        return Evidence.When(version.Succeeded && (list is null || list.Count == 0), version.Describe());
    }

    /// <summary>P13: ADD at every advertised version is not rejected with code 1.</summary>
    public static async Task<Evidence> AdvertisedRejected(Lab lab, string plugin)
    {
        var versions = (await lab.VersionAsync(plugin)).SingleObject()?["supportedVersions"]?.AsArray()
            .Select(v => v!.GetValue<string>()).ToList() ?? [];
        if (versions.Count == 0)
        {
            throw new InvalidOperationException("probe precondition: VERSION lists no versions");
        }

        var rejected = new List<string>();
        foreach (var v in versions)
        {
            var conf = lab.InterfaceConf(plugin, v);
            var (_, a) = lab.NewAttachment();
            var add = await lab.CallAsync(plugin, CniCommand.Add, conf, a);
            if (add.ErrorCode() == 1)
            {
                rejected.Add($"{v}: {add.Describe()}");
            }

            await lab.CallAsync(plugin, CniCommand.Del, conf, a);
        }

        return Evidence.When(rejected.Count > 0, $"advertised [{string.Join(", ", versions)}]; rejected: {string.Join("; ", rejected)}");
    }

    /// <summary>P6: ADD with a version nobody supports fails with code 1.</summary>
    public static async Task<Evidence> UnsupportedAccepted(Lab lab, string plugin)
    {
        var (_, a) = lab.NewAttachment();
        var add = await lab.CallAsync(plugin, CniCommand.Add, lab.InterfaceConf(plugin, "99.0.0"), a);
        return Evidence.When(add.ExitCode == 0 || add.ErrorCode() != 1, add.Describe());
    }
}
