using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Configs;

/// <summary>
/// A network from <c>--config</c>: a <c>.conflist</c> or a single plugin <c>.conf</c>, used as is. The subject
/// is the plugin whose <c>type</c> is the plugin's file name (in the IPAM role: whose <c>ipam.type</c> is); the
/// other plugins are partners found on the search path. Links named as <c>master</c> are provided by the fake host.
/// </summary>
public static class UserNetwork
{
    public static NetworkSpec Load(string configPath, PluginRole role, string pluginPath, IReadOnlyList<string> searchPath)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllBytes(configPath)) as JsonObject
                ?? throw new EnvironmentProblemException($"{configPath}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new EnvironmentProblemException($"{configPath}: invalid JSON: {e.Message}");
        }
        catch (IOException e)
        {
            throw new EnvironmentProblemException($"cannot read {configPath}: {e.Message}");
        }

        var plugins = root["plugins"] is JsonArray list
            ? list.OfType<JsonObject>().Select(p => (JsonObject)p.DeepClone()).ToList()
            : [Strip((JsonObject)root.DeepClone())];
        if (plugins.Count == 0)
        {
            throw new EnvironmentProblemException($"{configPath}: no plugins");
        }

        var type = Path.GetFileName(pluginPath);
        var subject = role == PluginRole.Ipam
            ? plugins.FindIndex(p => Str(p["ipam"]?["type"]) == type)
            : plugins.FindIndex(p => Str(p["type"]) == type);
        if (subject < 0)
        {
            throw new EnvironmentProblemException(role == PluginRole.Ipam
                ? $"{configPath}: no plugin has \"ipam\": {{\"type\": \"{type}\"}} (the IPAM role calls the plugin named by --plugin)"
                : $"{configPath}: no plugin has \"type\": \"{type}\" (the type must be the file name of --plugin)");
        }

        var members = new List<ChainMember>();
        for (var i = 0; i < plugins.Count; i++)
        {
            if (role == PluginRole.Ipam && i != subject)
            {
                continue; // the IPAM role calls the IPAM plugin directly, as its parent would
            }

            var t = Str(plugins[i]["type"]) ?? throw new EnvironmentProblemException($"{configPath}: plugin {i} has no \"type\"");
            members.Add(i == subject
                ? new ChainMember(role == PluginRole.Ipam ? type : t, pluginPath, plugins[i], true)
                : new ChainMember(t, DefaultNetworks.Partner(t, searchPath, $"{configPath} lists plugin '{t}'"), plugins[i], false));
        }

        return new NetworkSpec
        {
            Name = Str(root["name"]) ?? throw new EnvironmentProblemException($"{configPath}: no \"name\""),
            Role = role,
            Members = members,
            ConfigCniVersion = Str(root["cniVersion"]),
            MasterLinks = [.. members.Select(m => Str(m.Config["master"])).OfType<string>().Distinct()],
            Source = configPath,
        };
    }

    private static JsonObject Strip(JsonObject conf)
    {
        conf.Remove("name");
        conf.Remove("cniVersion");
        return conf;
    }

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
