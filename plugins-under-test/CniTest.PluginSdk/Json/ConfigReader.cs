using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.PluginSdk.Errors;
using CniTest.PluginSdk.Results;

namespace CniTest.PluginSdk.Json;

/// <summary>
/// Typed, reflection-free access to configuration keys. JSON <c>null</c> counts as absent (Go decodes it to the
/// zero value). A value of the wrong type is an error whose message names the key path and the value, as the
/// spec asks of configuration errors (P4); the code defaults to 7 (invalid network config).
/// </summary>
public static class ConfigReader
{
    /// <summary>An optional string.</summary>
    public static string? String(JsonObject obj, string key, string path, uint code = CniErrorCodes.InvalidNetworkConfig)
    {
        var node = obj[key];
        if (node is null)
            return null;
        if (node.GetValueKind() == JsonValueKind.String)
            return node.GetValue<string>();
        throw Invalid(path, node, "a string", code);
    }

    /// <summary>An optional boolean (JSON <c>true</c>/<c>false</c> only).</summary>
    public static bool? Bool(JsonObject obj, string key, string path, uint code = CniErrorCodes.InvalidNetworkConfig)
    {
        var node = obj[key];
        return node?.GetValueKind() switch
        {
            null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(path, node, "a boolean", code),
        };
    }

    /// <summary>An optional non-negative integer.</summary>
    public static uint? UInt(JsonObject obj, string key, string path, uint code = CniErrorCodes.InvalidNetworkConfig)
    {
        var node = obj[key];
        if (node is null)
            return null;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out uint n))
            return n;
        throw Invalid(path, node, "a non-negative integer", code);
    }

    /// <summary>An optional object.</summary>
    public static JsonObject? Object(JsonObject obj, string key, string path, uint code = CniErrorCodes.InvalidNetworkConfig) =>
        obj[key] switch
        {
            null => null,
            JsonObject o => o,
            var other => throw Invalid(path, other, "an object", code),
        };

    /// <summary>An optional array.</summary>
    public static JsonArray? Array(JsonObject obj, string key, string path, uint code = CniErrorCodes.InvalidNetworkConfig) =>
        obj[key] switch
        {
            null => null,
            JsonArray a => a,
            var other => throw Invalid(path, other, "an array", code),
        };

    /// <summary>An optional IP address string (empty counts as absent, as Go's <c>net.IP</c> decoding does).</summary>
    public static IPAddress? Ip(JsonObject obj, string key, string path, uint code = CniErrorCodes.InvalidNetworkConfig)
    {
        var text = String(obj, key, path, code);
        if (string.IsNullOrEmpty(text))
            return null;
        return IPAddress.TryParse(text, out var ip) && !text.Contains('/')
            ? ip
            : throw Invalid(path, obj[key]!, "an IP address", code);
    }

    /// <summary>An optional CIDR string such as <c>10.0.0.0/24</c>.</summary>
    public static IpCidr? Cidr(JsonObject obj, string key, string path, uint code = CniErrorCodes.InvalidNetworkConfig)
    {
        var text = String(obj, key, path, code);
        if (string.IsNullOrEmpty(text))
            return null;
        return IpCidr.TryParse(text, out var cidr) ? cidr : throw Invalid(path, obj[key]!, "a CIDR address", code);
    }

    /// <summary>Reads an array of strings.</summary>
    public static IReadOnlyList<string> Strings(JsonObject obj, string key, string path, uint code = CniErrorCodes.InvalidNetworkConfig)
    {
        var array = Array(obj, key, path, code);
        if (array is null)
            return [];
        var list = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            if (item?.GetValueKind() != JsonValueKind.String)
                throw Invalid($"{path}[{i}]", item, "a string", code);
            list.Add(item.GetValue<string>());
        }
        return list;
    }

    /// <summary>The error for a key whose value has the wrong type or format.</summary>
    public static CniPluginException Invalid(string path, JsonNode? value, string expected, uint code = CniErrorCodes.InvalidNetworkConfig) =>
        new(code, $"invalid value for \"{path}\": {Render(value)} is not {expected}");

    private static string Render(JsonNode? value) => value is null ? "null" : value.ToJsonString();
}
