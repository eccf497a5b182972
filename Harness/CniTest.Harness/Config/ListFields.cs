using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Errors;

namespace CniTest.Harness.Config;

/// <summary>
/// Typed reads of top-level list keys with libcni's rules (R5). libcni reads the list as a generic map, so a
/// JSON <c>null</c> is a wrong type here, not "absent" (unlike the typed plugin fields, see
/// <see cref="PluginConfigRules"/>).
/// </summary>
internal sealed class ListFields(JsonObject root, string? sourcePath)
{
    /// <summary>The string value, or null when the key is absent.</summary>
    public string? String(string key)
    {
        if (!root.TryGetPropertyValue(key, out var node))
        {
            return null;
        }

        return ConfigJson.TryGetString(node, out var value)
            ? value
            : throw Error($"\"{key}\" must be a string, got {ConfigJson.Describe(node)}");
    }

    /// <summary>The array of strings, or null when the key is absent.</summary>
    public IReadOnlyList<string>? StringArray(string key)
    {
        if (!root.TryGetPropertyValue(key, out var node))
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            throw Error($"\"{key}\" must be an array of strings, got {ConfigJson.Describe(node)}");
        }

        var values = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            values.Add(ConfigJson.TryGetString(item, out var value)
                ? value
                : throw Error($"\"{key}\"[{i}] must be a string, got {ConfigJson.Describe(item)}"));
        }

        return values;
    }

    /// <summary>
    /// A flag: JSON true/false, or the strings "true"/"false" in any case (libcni lower-cases and compares, R5).
    /// Absent means false; anything else, null included, is an error.
    /// </summary>
    public bool Boolean(string key)
    {
        if (!root.TryGetPropertyValue(key, out var node))
        {
            return false;
        }

        var kind = ConfigJson.KindOf(node);
        if (kind is JsonValueKind.True or JsonValueKind.False)
        {
            return kind == JsonValueKind.True;
        }

        // Same as libcni: lower-case the string (Go strings.ToLower), then compare.
        var text = ConfigJson.TryGetString(node, out var value) ? value.ToLowerInvariant() : null;
        if (text is "true" or "false")
        {
            return text == "true";
        }

        throw Error($"\"{key}\" must be a boolean or \"true\"/\"false\", got {ConfigJson.Describe(node)}");
    }

    public ConfigException Error(string message) => new(message, sourcePath);
}
