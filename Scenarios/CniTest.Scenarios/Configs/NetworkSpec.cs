using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Config;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Configs;

/// <summary>
/// The network every check attaches with: the plugins around the subject, the network name, the links the fake
/// host must provide as <c>master</c>, and the marker that is replaced by each fake host's private IPAM directory.
/// </summary>
public sealed class NetworkSpec
{
    /// <summary>Replaced, wherever it is a whole string value, by the fake host's IPAM directory.</summary>
    public const string IpamDirMarker = "$CNITEST_IPAM_DIR";

    public required string Name { get; init; }
    public required PluginRole Role { get; init; }
    public required IReadOnlyList<ChainMember> Members { get; init; }

    /// <summary>The <c>cniVersion</c> a user config states; null for the built-in configs.</summary>
    public string? ConfigCniVersion { get; init; }

    /// <summary>The config's <c>disableCheck</c>: a runtime never sends it CHECK (SPEC §1), so the CHECK checks skip.</summary>
    public bool DisableCheck { get; init; }

    /// <summary>The config's <c>disableGC</c>: a runtime never sends it GC (R34), so the GC checks skip.</summary>
    public bool DisableGC { get; init; }

    /// <summary>Links created in every fake host (veth ends) because a config names them as <c>master</c>.</summary>
    public required IReadOnlyList<string> MasterLinks { get; init; }

    /// <summary>True for the built-in configs (checks may then rely on their IPAM settings).</summary>
    public bool IsBuiltIn { get; init; }

    /// <summary>Where the description of the config comes from (for messages).</summary>
    public required string Source { get; init; }

    public int SubjectIndex => Members.Select((m, i) => (m, i)).First(p => p.m.IsSubject).i;

    public ChainMember Subject => Members[SubjectIndex];

    /// <summary>The partners before the subject (e.g. the bridge of a chained run).</summary>
    public IReadOnlyList<ChainMember> Before => [.. Members.Take(SubjectIndex)];

    /// <summary>The partners after the subject.</summary>
    public IReadOnlyList<ChainMember> After => [.. Members.Skip(SubjectIndex + 1)];

    /// <summary>A member's config for one fake host: a deep copy with the IPAM marker replaced.</summary>
    public static JsonObject Render(ChainMember member, string ipamDir) => (JsonObject)Replace(member.Config.DeepClone(), ipamDir)!;

    /// <summary>
    /// The network as the runtime loads it for one fake host and one spec version: a conflist parsed by the
    /// Harness's own config parser (the same as <c>cnitest add</c> uses), its plugins in <see cref="Members"/>'
    /// order, the IPAM marker replaced.
    /// </summary>
    public NetworkConfigList ListFor(string ipamDir, string version)
    {
        var conflist = new JsonObject { ["cniVersion"] = version, ["name"] = Name };
        if (DisableCheck)
        {
            conflist["disableCheck"] = true;
        }

        if (DisableGC)
        {
            conflist["disableGC"] = true;
        }

        conflist["plugins"] = new JsonArray([.. Members.Select(m => (JsonNode)Render(m, ipamDir))]);
        return ConfigParser.ParseList(Encoding.UTF8.GetBytes(conflist.ToJsonString()), Source);
    }

    /// <summary>A copy with other members (their configs changed), everything else the same.</summary>
    public NetworkSpec WithMembers(IReadOnlyList<ChainMember> members) => Copy(Name, members);

    private NetworkSpec Copy(string name, IReadOnlyList<ChainMember> members) => new()
    {
        Name = name,
        Role = Role,
        Members = members,
        ConfigCniVersion = ConfigCniVersion,
        DisableCheck = DisableCheck,
        DisableGC = DisableGC,
        MasterLinks = MasterLinks,
        IsBuiltIn = IsBuiltIn,
        Source = Source,
    };

    /// <summary>A copy whose plugins masquerade (<c>ipMasq</c>) or not, where their config has the key.</summary>
    public NetworkSpec Masquerading(bool on) => WithMembers([.. Members.Select(m =>
    {
        if (m.Config["ipMasq"] is null)
        {
            return m;
        }

        var config = (JsonObject)m.Config.DeepClone();
        config["ipMasq"] = on;
        return m with { Config = config };
    })]);

    /// <summary>A copy with another name and string values replaced (whole values only).</summary>
    public NetworkSpec Variant(string name, IReadOnlyDictionary<string, string> replacements) =>
        Copy(name, [.. Members.Select(m => m with { Config = (JsonObject)ReplaceValues(m.Config.DeepClone(), replacements)! })]);

    private static JsonNode? ReplaceValues(JsonNode? node, IReadOnlyDictionary<string, string> replacements)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    o[key] = ReplaceValues(o[key]?.DeepClone(), replacements);
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = ReplaceValues(a[i]?.DeepClone(), replacements);
                }

                return a;
            case JsonValue v when v.TryGetValue<string>(out var s) && replacements.TryGetValue(s, out var r):
                return JsonValue.Create(r);
            default:
                return node;
        }
    }

    /// <summary>The addresses an IPAM section lists literally under <c>addresses</c> (static-style IPAM).</summary>
    public IReadOnlySet<string> StaticAddresses()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in Members)
        {
            var ipam = m.Config["ipam"] as JsonObject;
            foreach (var a in (ipam?["addresses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (a["address"] is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    found.Add(s.Split('/')[0]);
                }
            }
        }

        return found;
    }

    private static JsonNode? Replace(JsonNode? node, string ipamDir)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    o[key] = Replace(o[key]?.DeepClone(), ipamDir);
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = Replace(a[i]?.DeepClone(), ipamDir);
                }

                return a;
            case JsonValue v when v.TryGetValue<string>(out var s) && s == IpamDirMarker:
                return JsonValue.Create(ipamDir);
            default:
                return node;
        }
    }
}
