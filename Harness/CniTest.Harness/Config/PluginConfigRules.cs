using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Config;

/// <summary>
/// The checks libcni's typed decode of a plugin object amounts to (R6, §3.2), plus the path-separator rule for
/// <c>type</c> (R12). Keys outside the typed view are passed through untouched.
/// </summary>
/// <remarks>
/// Go decodes into a struct, so a JSON <c>null</c> in a typed field reads as "absent" and only a wrong type fails.
/// Go also matches struct fields case-insensitively ("Type" would fill <c>type</c>); we deliberately match the
/// spelling the spec defines, because that is the key plugins look for.
/// </remarks>
internal static class PluginConfigRules
{
    /// <summary>Returns a one-line description of the first problem, or null when the object is acceptable.</summary>
    public static string? FindProblem(JsonObject plugin) =>
        TypeProblem(plugin["type"])
        ?? StringProblem("name", plugin["name"])
        ?? StringProblem("cniVersion", plugin["cniVersion"])
        ?? CapabilitiesProblem(plugin["capabilities"])
        ?? IpamProblem(plugin["ipam"])
        ?? DnsProblem(plugin["dns"])
        ?? ObjectProblem("prevResult", plugin["prevResult"]);

    private static string? TypeProblem(JsonNode? node)
    {
        if (node is null || (IsString(node) && node.GetValue<string>().Length == 0))
        {
            return "\"type\" is required and must be a non-empty string";
        }

        if (!IsString(node))
        {
            return $"\"type\" must be a string, got {ConfigJson.Describe(node)}";
        }

        // R12: the spec forbids path separators; libcni only rejects the OS one, we reject both.
        return node.GetValue<string>().IndexOfAny(['/', '\\']) >= 0
            ? $"\"type\" must not contain a path separator ('/' or '\\'), got {ConfigJson.Describe(node)}"
            : null;
    }

    private static string? CapabilitiesProblem(JsonNode? node)
    {
        if (node is not JsonObject capabilities)
        {
            return ObjectProblem("capabilities", node);
        }

        foreach (var (name, value) in capabilities)
        {
            if (value is not null && !IsKind(value, JsonValueKind.True, JsonValueKind.False))
            {
                return $"\"capabilities.{name}\" must be a boolean, got {ConfigJson.Describe(value)}";
            }
        }

        return null;
    }

    private static string? IpamProblem(JsonNode? node) =>
        ObjectProblem("ipam", node) ?? StringProblem("ipam.type", (node as JsonObject)?["type"]);

    private static string? DnsProblem(JsonNode? node)
    {
        if (node is not JsonObject dns)
        {
            return ObjectProblem("dns", node);
        }

        return StringArrayProblem("dns.nameservers", dns["nameservers"])
            ?? StringProblem("dns.domain", dns["domain"])
            ?? StringArrayProblem("dns.search", dns["search"])
            ?? StringArrayProblem("dns.options", dns["options"]);
    }

    private static string? StringProblem(string key, JsonNode? node) =>
        node is null || IsString(node) ? null : $"\"{key}\" must be a string, got {ConfigJson.Describe(node)}";

    private static string? ObjectProblem(string key, JsonNode? node) =>
        node is null or JsonObject ? null : $"\"{key}\" must be an object, got {ConfigJson.Describe(node)}";

    private static string? StringArrayProblem(string key, JsonNode? node) => node switch
    {
        null => null,
        JsonArray array when array.All(e => e is null || IsString(e)) => null,
        _ => $"\"{key}\" must be an array of strings, got {ConfigJson.Describe(node)}",
    };

    private static bool IsString(JsonNode node) => ConfigJson.KindOf(node) == JsonValueKind.String;

    private static bool IsKind(JsonNode node, params JsonValueKind[] kinds) => kinds.Contains(ConfigJson.KindOf(node));
}
