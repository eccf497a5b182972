using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Configs;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Scenarios.Engine;

/// <summary>
/// Everything decided before the first check: the plugin can be run, its network and partners exist, which
/// versions it advertises and which of them can be tested here, and one probe ADD that tells environment
/// problems (the kernel lacks a link type) from plugin defects and shows what kind of interface plugin it is.
/// Anything wrong here is an environment or usage problem: exit 2, never a failed check.
/// </summary>
internal static partial class Preflight
{
    public static async Task<RunPlan> PlanAsync(RunOptions options, RunDirectory runDir, CancellationToken ct)
    {
        PrivateStateMounts.EnsureRoot();
        CheckPluginFile(options.PluginPath);
        if (options.IpFamily.HasIpv6() && !IpFamilies.KernelSupportsIpv6)
        {
            throw new EnvironmentProblemException(
                $"--ip-family {IpFamilies.Name(options.IpFamily)} needs IPv6, which this kernel lacks (no /proc/sys/net/ipv6); use --ip-family ipv4");
        }

        var pluginDir = Path.GetDirectoryName(options.PluginPath)!;
        var partnerDirs = options.PartnerPath ?? ["/usr/lib/cni", "/opt/cni/bin"];
        IReadOnlyList<string> cniPath = [pluginDir, .. partnerDirs.Where(d => d != pluginDir)];
        var network = options.ConfigPath is null
            // With two nodes pods must reach pods on the other node by their own addresses (host-gw): the built-in
            // config then does not masquerade, as ipMasq would rewrite traffic between the nodes' pod ranges too.
            ? DefaultNetworks.For(options.Role, options.PluginPath, cniPath, options.IpFamily).Masquerading(options.Nodes < 2)
            : UserNetwork.Load(options.ConfigPath, options.Role, options.PluginPath, cniPath);

        var host = await FakeHost.CreateAsync(runDir.Path, "preflight", network.MasterLinks, ct);
        try
        {
            await HostProfiles.ApplyAsync(host, options.HostProfile, ct);
            var runtime = new CniRuntime(new RuntimeOptions
            {
                PluginPath = cniPath,
                Executor = host.CreateExecutor(options.Timeout),
                Timeout = options.Timeout,
            });
            var reply = await ProbeVersionAsync(runtime, options.PluginPath, ct);
            var partners = new Dictionary<string, VersionInfo?>();
            foreach (var path in PartnerBinaries(network, cniPath))
            {
                partners[path] = await ProbeVersionAsync(runtime, path, ct);
            }

            var plan = Versions(options, network, cniPath, reply, partners);
            return plan with { Traits = await ProbeShapeAsync(plan, host, ct) };
        }
        finally
        {
            host.Dispose();
        }
    }

    private static void CheckPluginFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new EnvironmentProblemException($"{path} is a directory; --plugin names a plugin binary");
        }

        if (!File.Exists(path))
        {
            throw new EnvironmentProblemException($"no plugin binary at {path}");
        }

        if ((File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            throw new EnvironmentProblemException($"{path} is not executable (chmod +x it)");
        }
    }

    /// <summary>The partners' binaries, plus the IPAM plugin an interface plugin delegates to.</summary>
    private static IEnumerable<string> PartnerBinaries(NetworkSpec network, IReadOnlyList<string> cniPath)
    {
        foreach (var m in network.Members.Where(m => !m.IsSubject))
        {
            yield return m.BinaryPath;
        }

        if (network.Role == PluginRole.Interface && DelegatedIpam(network) is { } ipam)
        {
            yield return PluginLocator.TryFind(ipam, cniPath, out var path)
                ? path!
                : throw new EnvironmentProblemException($"the config's IPAM plugin '{ipam}' is not on {string.Join(':', cniPath)}");
        }
    }

    private static string? DelegatedIpam(NetworkSpec network) =>
        network.Subject.Config["ipam"]?["type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static async Task<VersionInfo?> ProbeVersionAsync(CniRuntime runtime, string path, CancellationToken ct)
    {
        try
        {
            return (await runtime.ProbeVersionAsync(path, ct: ct)).Info; // null: a broken reply, which version.reply reports
        }
        catch (CniHarnessException e) when (e.InnerException is Win32Exception)
        {
            throw new EnvironmentProblemException($"cannot execute {path}: {e.InnerException.Message}", e);
        }
        catch (CniHarnessException)
        {
            return null; // a broken VERSION reply is the plugin's defect: version.reply reports it
        }
    }

    private static RunPlan Versions(RunOptions options, NetworkSpec network, IReadOnlyList<string> cniPath, VersionInfo? reply,
        IReadOnlyDictionary<string, VersionInfo?> partners)
    {
        var advertised = (reply?.SupportedVersions ?? []).Where(SpecVersions.IsKnown).Distinct().OrderBy(CniVersion.Parse).ToList();
        IReadOnlyList<string> candidates;
        if (options.CniVersion is { } wanted && wanted != "all")
        {
            if (!SpecVersions.IsKnown(wanted))
            {
                throw new EnvironmentProblemException($"--cni-version {wanted} is not a CNI spec version ({string.Join(", ", SpecVersions.All)}, or all)");
            }

            if (advertised.Count > 0 && !advertised.Contains(wanted))
            {
                throw new EnvironmentProblemException($"the plugin does not advertise {wanted} (its VERSION reply lists {string.Join(", ", reply!.SupportedVersions)})");
            }

            candidates = [wanted];
        }
        else
        {
            // Without a usable VERSION reply (version.reply fails the plugin for it), the rest runs at the reply's
            // own version or at 1.0.0, so that the other defects still show.
            candidates = advertised.Count > 0 ? advertised : [SpecVersions.IsKnown(reply?.CniVersion) ? reply!.CniVersion : "1.0.0"];
        }

        var provisional = new RunPlan
        {
            Options = options,
            Network = network,
            CniPath = cniPath,
            VersionReply = reply,
            Advertised = advertised,
            Matrix = [],
            DeepVersions = [],
            PartnerVersions = partners,
        };
        var matrix = candidates.Select(v => (v, Unusable(provisional, v))).ToList();
        var usable = matrix.Where(m => m.Item2 is null).Select(m => m.v).ToList();
        if (usable.Count == 0)
        {
            throw new EnvironmentProblemException("no version the plugin advertises can be tested here: " +
                string.Join("; ", matrix.Select(m => $"{m.v}: {m.Item2}")));
        }

        IReadOnlyList<string> deep = options.CniVersion == "all" ? usable
            : network.ConfigCniVersion is { } cv && usable.Contains(cv) && options.CniVersion is null ? [cv]
            : [usable.OrderBy(CniVersion.Parse).Last()];
        return provisional with { Matrix = matrix, DeepVersions = deep };
    }

    /// <summary>Why <paramref name="version"/> cannot be tested with this network, or null.</summary>
    private static string? Unusable(RunPlan plan, string version)
    {
        if (plan.Role == PluginRole.Chained && !SpecVersions.HasChaining(version))
        {
            return "chaining (prevResult) exists from 0.3.0 on";
        }

        foreach (var partner in plan.Network.Members.Where(m => !m.IsSubject))
        {
            if (plan.PartnerVersion(partner, version) is null)
            {
                return $"the partner plugin {partner.Type} ({partner.BinaryPath}) supports no version usable with {version}";
            }
        }

        if (plan.Role == PluginRole.Interface && DelegatedIpam(plan.Network) is { } ipam
            && PluginLocator.TryFind(ipam, plan.CniPath, out var path) && plan.PartnerVersions.GetValueOrDefault(path!) is { } info
            && !info.Supports(version))
        {
            return $"the IPAM plugin {ipam} ({path}) does not support {version}; put a newer {ipam} next to the plugin";
        }

        return null;
    }

    private static async Task<PluginTraits> ProbeShapeAsync(RunPlan plan, FakeHost host, CancellationToken ct)
    {
        var ctx = new CheckContext(plan, "preflight", plan.DeepVersions[0], host, contract: null, ct);
        var a = ctx.NewAttachment("eth0");
        var before = await NetnsView.ReadAsync(a.Sandbox.Path, ct);
        var add = await ctx.AddAsync(a);
        var fallback = plan.Role == PluginRole.Interface ? PluginTraits.Default : PluginTraits.NotCreating;
        if (!add.Succeeded)
        {
            var failed = add.PartnerFailure?.Record ?? add.Subject;
            var text = failed is null ? "" : ctx.Describe(failed);
            var who = add.PartnerFailure is { } p ? $"the partner plugin {p.Member.Type}" : Path.GetFileName(plan.PluginPath);
            if (EnvironmentError().IsMatch(text))
            {
                throw new EnvironmentProblemException(
                    $"this machine lacks what {who} needs: ADD at {ctx.Version} in the fake host failed ({text}). No check was run; this is not a failure of the plugin.");
            }

            if (add.PartnerFailure is not null)
            {
                throw new EnvironmentProblemException($"{who} could not attach in the fake host, so the plugin cannot be tested: {text}");
            }

            return fallback; // a defect of the plugin: the checks will report it
        }

        if (plan.Role != PluginRole.Interface)
        {
            return fallback;
        }

        var after = await NetnsView.ReadAsync(a.Sandbox.Path, ct);
        if (after.Link("eth0") is not null && before.Link("eth0") is null)
        {
            return PluginTraits.Default;
        }

        var created = after.Links.Select(l => l.Name).Except(before.Links.Select(l => l.Name)).ToList();
        var claimed = (a.SubjectResult?["interfaces"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(i => i["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .FirstOrDefault(n => n is not null && before.Link(n) is not null);
        return created.Count == 0 && claimed is not null ? new PluginTraits(claimed, false, claimed) : fallback;
    }

    /// <summary>Errors that mean the kernel (not the plugin) cannot do it: EOPNOTSUPP and friends.</summary>
    [GeneratedRegex("operation not supported|protocol not supported|address family not supported|unknown device type|not supported by (the )?kernel|EOPNOTSUPP",
        RegexOptions.IgnoreCase)]
    private static partial Regex EnvironmentError();
}
