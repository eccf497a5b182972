using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Errors;

namespace CniTest.Harness.Config;

/// <summary>
/// Lossless JSON reading for configuration files: key order and number text survive (checklist §5.13, R22),
/// and syntax errors carry a 1-based line and column.
/// </summary>
internal static class ConfigJson
{
    /// <summary>
    /// Escapes only what JSON requires, so text we write ourselves (synthesised lists, error messages) keeps
    /// non-ASCII and <c>&amp;&lt;&gt;</c> as written instead of Go's (and .NET's default) <c>\u003c</c> forms.
    /// </summary>
    internal static JsonSerializerOptions WriteOptions { get; } =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Same grammar as Go's encoding/json: no comments, no trailing commas, nothing after the value.
    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Parses <paramref name="bytes"/> and requires a top-level object.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="path">The file, for the error text; null for bytes that came from no file.</param>
    /// <param name="what">What the object is, for the error text ("network configuration list").</param>
    public static JsonObject ParseObject(byte[] bytes, string? path, string what)
    {
        var node = Parse(bytes, path);
        return node as JsonObject
            ?? throw new ConfigException($"{what} must be a JSON object, got {Describe(node)}", path);
    }

    public static JsonNode? Parse(byte[] bytes, string? path)
    {
        try
        {
            StrictUtf8.ThrowIfInvalid(bytes);
            // Clone once so the values below do not depend on the document's pooled buffer.
            using var document = JsonDocument.Parse(bytes, ReadOptions);
            return ToNode(document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            // LineNumber and BytePositionInLine are 0-based; people count from 1. The column counts UTF-8 bytes.
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new ConfigException($"invalid JSON at line {line}, column {column}: {ReaderMessage(e)}", path, e);
        }
    }

    /// <summary>The JSON kind of <paramref name="node"/>; <see cref="JsonValueKind.Null"/> for null.</summary>
    public static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>True when <paramref name="node"/> is a JSON string (not null, not a number).</summary>
    public static bool TryGetString(JsonNode? node, [NotNullWhen(true)] out string? value)
    {
        value = KindOf(node) == JsonValueKind.String ? node!.GetValue<string>() : null;
        return value is not null;
    }

    /// <summary>A short rendering of a value for "got …" error texts.</summary>
    public static string Describe(JsonNode? node)
    {
        const int MaxLength = 60;
        var text = node switch
        {
            null => "null",
            JsonObject => "an object",
            JsonArray => "an array",
            _ => node.ToJsonString(WriteOptions),
        };
        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }

    // JsonNode.Parse would build a JsonObject that throws ArgumentException on a duplicate key the first time it
    // is enumerated. Go's decoder (what libcni uses) keeps the last duplicate, so we build the tree ourselves.
    // Primitive values stay backed by the JsonElement, which keeps the exact number text.
    private static JsonNode? ToNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToObject(element),
        JsonValueKind.Array => new JsonArray(element.EnumerateArray().Select(ToNode).ToArray()),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element),
    };

    private static JsonObject ToObject(JsonElement element)
    {
        var result = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = ToNode(property.Value);
        }

        return result;
    }

    // The reader appends "LineNumber: n | BytePositionInLine: m." (0-based) to its text; we report our own
    // 1-based position instead, and keep the message on one line.
    private static string ReaderMessage(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return message.ReplaceLineEndings(" ").Trim();
    }
}
