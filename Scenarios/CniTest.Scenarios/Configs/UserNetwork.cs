using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Configs;

/// <summary>
/// A network from <c>--config</c>: a <c>.conflist</c> (with its sibling plugin folder) or a single plugin
/// <c>.conf</c>, loaded by the Harness's <see cref="ConfigLoader"/> exactly as <c>cnitest add</c> loads it
/// (<c>cniVersions</c> selection, <c>loadOnlyInlinedPlugins</c>; R5, R7). The subject is the plugin whose
/// <c>type</c> is the plugin's file name (in the IPAM role: whose <c>ipam.type</c> is); the other plugins are
/// partners found on the search path. Links named as <c>master</c> are provided by the fake host.
/// </summary>
public static class UserNetwork
{
    public static NetworkSpec Load(string configPath, PluginRole role, string pluginPath, IReadOnlyList<string> searchPath)
    {
        NetworkConfigList list;
        try
        {
            list = ConfigLoader.LoadFile(configPath);
        }
        catch (ConfigException e)
        {
            throw new EnvironmentProblemException(e.Message, e);
        }

        var plugins = list.Plugins;
        if (plugins.Count == 0)
        {
            throw new EnvironmentProblemException($"{configPath}: no plugins");
        }

        var type = Path.GetFileName(pluginPath);
        var subject = plugins.ToList().FindIndex(p => (role == PluginRole.Ipam ? p.IpamType : p.Type) == type);
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

            var config = (System.Text.Json.Nodes.JsonObject)plugins[i].Raw.DeepClone();
            members.Add(i == subject
                ? new ChainMember(role == PluginRole.Ipam ? type : plugins[i].Type, pluginPath, config, true)
                : new ChainMember(plugins[i].Type, DefaultNetworks.Partner(plugins[i].Type, searchPath, $"{configPath} lists plugin '{plugins[i].Type}'"), config, false));
        }

        return new NetworkSpec
        {
            Name = list.Name,
            Role = role,
            Members = members,
            ConfigCniVersion = string.IsNullOrEmpty(list.CniVersion) ? null : list.CniVersion,
            DisableCheck = list.DisableCheck,
            DisableGC = list.DisableGC,
            MasterLinks = [.. members.Select(m => m.Config["master"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
                .OfType<string>().Distinct()],
            Source = configPath,
        };
    }
}
