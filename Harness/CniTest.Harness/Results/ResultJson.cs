using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Results;

/// <summary>
/// Path-aware reading and Go-like writing of result JSON. Reading follows Go's decoder: unknown keys are
/// ignored (R31, checklist §5.17), <c>null</c> means absent, a value of the wrong JSON type is an error, and
/// <c>address</c>/<c>dst</c> must be CIDRs and <c>gateway</c>/<c>gw</c> IPs (R44). Every error names the JSON
/// path, e.g. <c>ips[0].address</c>.
/// </summary>
internal static class ResultJson
{
    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static JsonObject? Object(JsonObject parent, string key, string path) =>
        AsObject(parent[key], Child(path, key));

    public static JsonObject? AsObject(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonObject o => o,
        _ => throw WrongType(path, "an object", node),
    };

    /// <summary>The elements of an array member with their paths; absent or null is empty.</summary>
    public static IEnumerable<(JsonNode? Node, string Path)> Array(JsonObject parent, string key, string path)
    {
        var arrayPath = Child(path, key);
        return parent[key] switch
        {
            null => [],
            JsonArray a => a.Select((n, i) => (n, $"{arrayPath}[{i}]")),
            var other => throw WrongType(arrayPath, "an array", other),
        };
    }

    /// <summary>An array of objects; a null element is an empty object, as Go decodes it.</summary>
    public static IReadOnlyList<T> Objects<T>(
        JsonObject parent, string key, string path, Func<JsonObject, string, T> read) =>
        [.. Array(parent, key, path).Select(e => read(AsObject(e.Node, e.Path) ?? [], e.Path))];

    public static IReadOnlyList<string> Strings(JsonObject parent, string key, string path) =>
        [.. Array(parent, key, path).Select(e => AsString(e.Node, e.Path) ?? "")];

    /// <summary>A string member; absent or null is null. Empty strings are kept.</summary>
    public static string? String(JsonObject parent, string key, string path) =>
        AsString(parent[key], Child(path, key));

    /// <summary>An optional string that Go writes with <c>omitempty</c>: empty reads as absent.</summary>
    public static string? OptionalString(JsonObject parent, string key, string path) =>
        String(parent, key, path) is { Length: > 0 } s ? s : null;

    public static int? Int(JsonObject parent, string key, string path)
    {
        var node = parent[key];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value))
        {
            return value;
        }

        throw WrongType(Child(path, key), "an integer", node);
    }

    public static Cidr Cidr(JsonObject parent, string key, string path)
    {
        var text = String(parent, key, path);
        if (text is null)
        {
            throw new ResultParseException($"{Child(path, key)}: missing (a CIDR is required)");
        }

        return Results.Cidr.TryParse(text, out var cidr)
            ? cidr
            : throw new ResultParseException($"{Child(path, key)}: \"{text}\" is not a CIDR");
    }

    /// <summary>An optional IP address; empty string means absent (Go's <c>net.IP</c> decoding).</summary>
    public static IPAddress? IP(JsonObject parent, string key, string path)
    {
        var text = String(parent, key, path);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return IPText.TryParse(text, out var address)
            ? address
            : throw new ResultParseException($"{Child(path, key)}: \"{text}\" is not an IP address");
    }

    public static void AddIfPresent(JsonObject o, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            o[key] = value;
        }
    }

    public static void AddIfPresent(JsonObject o, string key, IPAddress? value)
    {
        if (value is not null)
        {
            // Go's net.IP text, not .NET's, for IPv4-mapped and embedded-IPv4 addresses (R31).
            o[key] = IPText.Format(value);
        }
    }

    public static void AddIfPresent(JsonObject o, string key, int? value)
    {
        if (value is not null)
        {
            o[key] = value.Value;
        }
    }

    /// <summary>Adds a non-empty array (Go's <c>omitempty</c> on slices).</summary>
    public static void AddIfAny<T>(JsonObject o, string key, IReadOnlyList<T> items, Func<T, JsonNode> write)
    {
        if (items.Count > 0)
        {
            o[key] = new JsonArray([.. items.Select(write)]);
        }
    }

    private static string? AsString(JsonNode? node, string path) => node switch
    {
        null => null,
        _ when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => throw WrongType(path, "a string", node),
    };

    private static ResultParseException WrongType(string path, string expected, JsonNode node) =>
        new($"{path}: expected {expected}, got {node.GetValueKind().ToString().ToLowerInvariant()}");
}
