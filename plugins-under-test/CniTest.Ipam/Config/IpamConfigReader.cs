using System.Text.Json.Nodes;
using CniTest.Ipam.Net;
using CniTest.PluginSdk.Conventions;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Hosting;
using CniTest.PluginSdk.Json;
using CniTest.PluginSdk.Results;
using CniTest.PluginSdk.Versioning;

namespace CniTest.Ipam.Config;

/// <summary>
/// Decodes a request into <see cref="IpamConfig"/> following host-local's <c>LoadIPAMConfig</c>: the legacy single
/// range (<c>ipam.subnet</c>, <c>rangeStart</c>, <c>rangeEnd</c>, <c>gateway</c>) is prepended to <c>ipam.ranges</c>,
/// <c>runtimeConfig.ipRanges</c> is prepended to both (capability <c>ipRanges</c>, checklist §3.9), at least one range
/// set is required, range sets must not overlap, and 0.1.0/0.2.0 allow one set per family. Configuration errors
/// use code 7 and name the key (P4); CNI_ARGS errors code 4 (P49).
/// </summary>
public static class IpamConfigReader
{
    /// <summary>CNI_ARGS keys host-local understands (<c>IPAMEnvArgs</c>: CommonArgs + IP).</summary>
    public static readonly IReadOnlyCollection<string> KnownArgs = ["IP"];

    private const uint Code = CniErrorCodes.InvalidNetworkConfig;

    /// <summary>Reads the request of <paramref name="args"/>.</summary>
    public static IpamConfig Read(CmdArgs args)
    {
        var config = args.Config;
        var ipam = ConfigReader.Object(config, "ipam", "ipam")
            ?? throw new CniPluginException(Code, "IPAM config missing 'ipam' key");
        var runtimeConfig = ConfigReader.Object(config, "runtimeConfig", "runtimeConfig");

        var sets = new List<RangeSet>();
        if (runtimeConfig is not null)
            sets.AddRange(ReadSets(runtimeConfig, "ipRanges", "runtimeConfig.ipRanges"));
        if (ConfigReader.String(ipam, "subnet", "ipam.subnet") is { Length: > 0 })
            sets.Add(new RangeSet([RangeParser.Parse(ipam, "ipam")]));
        sets.AddRange(ReadSets(ipam, "ranges", "ipam.ranges"));
        Validate(sets, args.CniVersion);

        return new IpamConfig
        {
            Name = args.NetworkName,
            DataDir = ConfigReader.String(ipam, "dataDir", "ipam.dataDir") is { Length: > 0 } dir ? dir : IpamConfig.DefaultDataDir,
            ResolvConf = ConfigReader.String(ipam, "resolvConf", "ipam.resolvConf") is { Length: > 0 } resolv ? resolv : null,
            Routes = ResultReader.ReadRoutes(ipam, "routes", "ipam.", Code),
            RangeSets = sets,
            RequestedIps = RequestedIps(args, runtimeConfig),
        };
    }

    private static IEnumerable<RangeSet> ReadSets(JsonObject obj, string key, string path)
    {
        var array = ConfigReader.Array(obj, key, path);
        if (array is null)
            yield break;
        for (var i = 0; i < array.Count; i++)
        {
            var setPath = $"{path}[{i}]";
            yield return RangeParser.ParseSet(array[i] as JsonArray ?? throw ConfigReader.Invalid(setPath, array[i], "an array of ranges"), setPath);
        }
    }

    private static void Validate(List<RangeSet> sets, string cniVersion)
    {
        if (sets.Count == 0)
            throw new CniPluginException(Code, "no IP ranges specified");
        if (!CniVersions.AtLeast(cniVersion, "0.3.0") && (sets.Count(s => s.IsV4) > 1 || sets.Count(s => !s.IsV4) > 1))
            throw new CniPluginException(Code, $"CNI version {cniVersion} does not support more than 1 address per family");
        for (var i = 0; i < sets.Count; i++)
        {
            for (var j = i + 1; j < sets.Count; j++)
            {
                if (sets[i].Overlaps(sets[j]))
                    throw new CniPluginException(Code, $"range set {i} overlaps with {j}");
            }
        }
    }

    /// <summary>
    /// Specific addresses: <c>args.cni.ips</c> when present, otherwise CNI_ARGS <c>IP</c> (comma-separated, with or
    /// without prefix; conventions: the JSON <c>args</c> win, P50), plus <c>runtimeConfig.ips</c> (capability <c>ips</c>).
    /// </summary>
    private static List<IpValue> RequestedIps(CmdArgs args, JsonObject? runtimeConfig)
    {
        var cniArgs = args.ParseArgs(KnownArgs);
        var fromArgs = ConfigReader.Object(args.Config, "args", "args") is { } a && ConfigReader.Object(a, "cni", "args.cni") is { } cni
            ? ConfigReader.Strings(cni, "ips", "args.cni.ips")
            : [];
        var texts = new List<(string Text, string Source)>();
        if (fromArgs.Count > 0)
            texts.AddRange(fromArgs.Select(t => (t, "args.cni.ips")));
        else if (!string.IsNullOrEmpty(cniArgs["IP"]))
            texts.AddRange(cniArgs["IP"]!.Split(',').Select(t => (t.Trim(), "CNI_ARGS IP")));
        if (runtimeConfig is not null)
            texts.AddRange(ConfigReader.Strings(runtimeConfig, "ips", "runtimeConfig.ips").Select(t => (t, "runtimeConfig.ips")));

        var ips = new List<IpValue>(texts.Count);
        foreach (var (text, source) in texts)
        {
            var bare = text.Split('/')[0];
            if (!IpValue.TryParse(bare, out var ip) || (text.Contains('/') && !IpCidr.TryParse(text, out _)))
            {
                var code = source == "CNI_ARGS IP" ? CniErrorCodes.InvalidEnvironmentVariables : Code;
                throw new CniPluginException(code, $"invalid value for \"{source}\": \"{text}\" is not an IP address");
            }
            ips.Add(ip);
        }
        return ips;
    }
}
