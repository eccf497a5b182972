using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Errors;

namespace CniTest.Harness.Config;

/// <summary>
/// Turns configuration bytes into <see cref="NetworkConfigList"/> / <see cref="PluginConfig"/> the way libcni's
/// <c>NetworkConfFromBytes</c>, <c>NetworkPluginConfFromBytes</c> and <c>ConfListFromConf</c> do (R3–R6), but
/// without re-serialising anything: key order and number text are kept (§5.13). Never touches the disk; sibling
/// plugin folders are the loader's job (R7).
/// </summary>
public static class ConfigParser
{
    /// <summary>Parses a network configuration list (R5). <see cref="NetworkConfigList.Bytes"/> is <paramref name="bytes"/>.</summary>
    /// <exception cref="ConfigException">The bytes are not valid JSON or not a valid list.</exception>
    public static NetworkConfigList ParseList(byte[] bytes, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var root = ConfigJson.ParseObject(bytes, sourcePath, "network configuration list");
        var fields = new ListFields(root, sourcePath);

        // R5: "name" is required but not regex-checked here (only ADD validates it, R13).
        var name = fields.String("name") ?? throw fields.Error("\"name\" is required");
        var cniVersion = fields.String("cniVersion") ?? "";
        var cniVersions = fields.StringArray("cniVersions");
        var selected = cniVersion;
        if (cniVersions is not null)
        {
            var (version, error) = CniVersionSelection.Select(cniVersion, cniVersions);
            selected = version ?? throw fields.Error(error!);
        }

        var disableCheck = fields.Boolean("disableCheck");
        var disableGC = fields.Boolean("disableGC");
        var loadOnlyInlinedPlugins = fields.Boolean("loadOnlyInlinedPlugins");
        return new NetworkConfigList
        {
            Name = name,
            CniVersion = selected,
            CniVersions = cniVersions ?? [],
            DisableCheck = disableCheck,
            DisableGC = disableGC,
            LoadOnlyInlinedPlugins = loadOnlyInlinedPlugins,
            Plugins = InlinePlugins(root, loadOnlyInlinedPlugins, fields, sourcePath),
            Bytes = bytes,
            SourcePath = sourcePath,
        };
    }

    /// <summary>Parses one plugin object (R6): a JSON object with a non-empty <c>type</c> free of path separators (R12).</summary>
    /// <exception cref="ConfigException">The bytes are not valid JSON or not a valid plugin object.</exception>
    public static PluginConfig ParsePlugin(byte[] bytes, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return ParsePlugin(ConfigJson.ParseObject(bytes, sourcePath, "plugin configuration"), sourcePath);
    }

    /// <summary>
    /// Validates <paramref name="plugin"/> as a plugin object (R6). The result owns a deep clone, so later changes
    /// to <paramref name="plugin"/> (or its parent) do not leak into <see cref="PluginConfig.Raw"/>.
    /// </summary>
    /// <exception cref="ConfigException">The object is not a valid plugin object.</exception>
    public static PluginConfig ParsePlugin(JsonObject plugin, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (PluginConfigRules.FindProblem(plugin) is { } problem)
        {
            throw new ConfigException(problem, sourcePath);
        }

        return new PluginConfig(plugin.DeepClone().AsObject(), sourcePath);
    }

    /// <summary>
    /// Reads a legacy single-plugin <c>.conf</c>/<c>.json</c> (R3) and wraps it in a one-plugin list (R4). The
    /// plugin keeps its own keys; list-level flags such as <c>disableCheck</c> are not carried over.
    /// <see cref="NetworkConfigList.Bytes"/> is the synthesised list, as libcni caches it.
    /// </summary>
    /// <exception cref="ConfigException">The bytes are not valid JSON or not a valid plugin object.</exception>
    public static NetworkConfigList FromSingleConf(byte[] bytes, string? sourcePath = null)
    {
        var plugin = ParsePlugin(bytes, sourcePath);

        // R4: libcni builds {"cniVersion": conf.cniVersion, "name": conf.name, "plugins": [conf]} and parses that.
        // Absent name/version become "" there (typed fields), so they do here.
        var list = new JsonObject
        {
            ["cniVersion"] = StringOrEmpty(plugin.Raw["cniVersion"]),
            ["name"] = StringOrEmpty(plugin.Raw["name"]),
            ["plugins"] = new JsonArray(plugin.Raw.DeepClone()),
        };
        return ParseList(Encoding.UTF8.GetBytes(list.ToJsonString(ConfigJson.WriteOptions)), sourcePath);
    }

    private static IReadOnlyList<PluginConfig> InlinePlugins(
        JsonObject root, bool loadOnlyInlinedPlugins, ListFields fields, string? sourcePath)
    {
        // R5: without "plugins" the list is only usable from a file with a sibling folder (R7).
        if (!root.TryGetPropertyValue("plugins", out var node))
        {
            return loadOnlyInlinedPlugins
                ? throw fields.Error("\"loadOnlyInlinedPlugins\" is true but \"plugins\" is missing")
                : [];
        }

        if (node is not JsonArray array)
        {
            throw fields.Error($"\"plugins\" must be an array, got {ConfigJson.Describe(node)}");
        }

        if (array.Count == 0)
        {
            throw fields.Error("\"plugins\" must contain at least one plugin");
        }

        var plugins = new List<PluginConfig>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject plugin)
            {
                throw fields.Error($"plugins[{i}] must be an object, got {ConfigJson.Describe(array[i])}");
            }

            if (PluginConfigRules.FindProblem(plugin) is { } problem)
            {
                throw fields.Error($"plugins[{i}]: {problem}");
            }

            plugins.Add(new PluginConfig(plugin.DeepClone().AsObject(), sourcePath));
        }

        return plugins;
    }

    private static string StringOrEmpty(JsonNode? node) =>
        ConfigJson.TryGetString(node, out var value) ? value : "";
}
