using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Schemas;

/// <summary>
/// Compiles an embedded schema file, and every file its <c>$ref</c>s reach, into <see cref="SchemaNode"/>s.
/// References are resolved like URIs against the referring file's <c>$id</c> (each file's <c>$id</c> is
/// <see cref="BaseUri"/> + its path below <c>schemas/</c>, checked here), so <c>../common/net.schema.json#/definitions/ip</c>
/// means the embedded <c>common/net.schema.json</c>. A keyword this validator does not implement fails the load:
/// no schema may silently check less than it says. One loader per root file; not thread-safe, its result is.
/// </summary>
internal sealed class SchemaLoader
{
    /// <summary>The URI every schema's <c>$id</c> starts with; the rest is the file's path below <c>schemas/</c>.</summary>
    public static readonly Uri BaseUri = new("https://cnitest.example/schemas/");

    // Keywords that only annotate: they never make a document fail.
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
        { "$schema", "$id", "$comment", "title", "description", "default", "examples" };

    private readonly Func<string, string?> read;
    private readonly Dictionary<string, SchemaNode> nodes = new(StringComparer.Ordinal); // "file#pointer"
    private readonly HashSet<string> loadedFiles = new(StringComparer.Ordinal);
    private readonly List<(SchemaNode Node, string Reference, Uri Base)> pending = [];

    /// <summary>Compiles <paramref name="path"/> (below <c>schemas/</c>) with every reference resolved.</summary>
    /// <exception cref="InvalidOperationException">An unknown keyword, a malformed value, or a reference that points nowhere.</exception>
    public static SchemaNode Load(string path) =>
        Load(path, p => EmbeddedSchemaFiles.Exists(p) ? EmbeddedSchemaFiles.Read(p) : null);

    /// <summary>Compiles <paramref name="path"/> reading files through <paramref name="read"/> (null: no such file); tests use it.</summary>
    internal static SchemaNode Load(string path, Func<string, string?> read)
    {
        var loader = new SchemaLoader(read);
        var root = loader.TryFile(path) ? loader.nodes[path + "#"] : throw new FileNotFoundException($"no schema file \"{path}\"", path);
        while (loader.pending.Count > 0)
        {
            var (node, reference, baseUri) = loader.pending[^1];
            loader.pending.RemoveAt(loader.pending.Count - 1);
            node.Ref = loader.Resolve(reference, baseUri, node.Location);
        }

        foreach (var node in loader.nodes.Values)
        {
            EnsureNoCycle(node);
        }

        return root;
    }

    private SchemaLoader(Func<string, string?> read) => this.read = read;

    // Compiles the file unless already done; false when there is no such file.
    private bool TryFile(string path)
    {
        if (!loadedFiles.Contains(path))
        {
            if (read(path) is not { } text)
            {
                return false;
            }

            loadedFiles.Add(path);
            using var document = JsonDocument.Parse(text);
            var fileUri = new Uri(BaseUri, path);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("$id", out var id) && id.GetString() != fileUri.AbsoluteUri)
            {
                throw Bad($"{path}#", $"$id \"{id.GetString()}\" is not the file's own URI {fileUri.AbsoluteUri}");
            }

            Compile(document.RootElement, path, "", fileUri);
        }

        return true;
    }

    private SchemaNode Compile(JsonElement element, string file, string pointer, Uri fileUri)
    {
        var location = $"{file}#{pointer}";
        var node = new SchemaNode(location);
        nodes.Add(location, node);
        if (element.ValueKind == JsonValueKind.True)
        {
            return node; // the schema that accepts everything
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Bad(location, "a schema must be an object (or true; false only as additionalProperties)");
        }

        SchemaNode Child(JsonElement e, string key) => Compile(e, file, $"{pointer}/{Escape(key)}", fileUri);

        var hasRef = false;
        foreach (var keyword in element.EnumerateObject())
        {
            var value = keyword.Value;
            var at = $"{pointer}/{Escape(keyword.Name)}";
            switch (keyword.Name)
            {
                case "title":
                    node.Title = value.GetString();
                    break;
                case "description":
                    node.Description = value.GetString();
                    break;
                case var annotation when Annotations.Contains(annotation):
                    break;
                case "$ref":
                    hasRef = true;
                    pending.Add((node, String(value, location, keyword.Name), fileUri));
                    break;
                case "definitions":
                    foreach (var definition in Object(value, location, keyword.Name))
                    {
                        Compile(definition.Value, file, $"{at}/{Escape(definition.Name)}", fileUri);
                    }

                    break;
                case "allOf" or "anyOf" or "oneOf":
                    var list = keyword.Name switch { "allOf" => node.AllOf, "anyOf" => node.AnyOf, _ => node.OneOf };
                    var i = 0;
                    foreach (var alternative in Array(value, location, keyword.Name))
                    {
                        list.Add(Compile(alternative, file, $"{at}/{i++}", fileUri));
                    }

                    if (list.Count == 0)
                    {
                        throw Bad(location, $"{keyword.Name} must not be empty");
                    }

                    break;
                case "not":
                    node.Not = Child(value, keyword.Name);
                    break;
                case "type":
                    node.Types = Types(value, location);
                    break;
                case "properties":
                    foreach (var property in Object(value, location, keyword.Name))
                    {
                        node.Properties.Add(new(property.Name, Compile(property.Value, file, $"{at}/{Escape(property.Name)}", fileUri)));
                        node.PropertyNames.Add(property.Name);
                    }

                    break;
                case "required":
                    node.Required.AddRange(Array(value, location, keyword.Name).Select(r => String(r, location, keyword.Name)));
                    break;
                case "additionalProperties":
                    if (value.ValueKind == JsonValueKind.False)
                    {
                        node.AdditionalPropertiesAllowed = false;
                    }
                    else
                    {
                        node.AdditionalProperties = Child(value, keyword.Name);
                    }

                    break;
                case "minProperties":
                    node.MinProperties = Count(value, location, keyword.Name);
                    break;
                case "items":
                    node.Items = value.ValueKind == JsonValueKind.Array
                        ? throw Bad(location, "items as an array (tuple validation) is not supported")
                        : Child(value, keyword.Name);
                    break;
                case "minItems":
                    node.MinItems = Count(value, location, keyword.Name);
                    break;
                case "uniqueItems":
                    node.UniqueItems = value.ValueKind is JsonValueKind.True or JsonValueKind.False
                        ? value.GetBoolean() : throw Bad(location, "uniqueItems must be a boolean");
                    break;
                case "enum":
                    node.Enum = [.. Array(value, location, keyword.Name).Select(e => JsonNode.Parse(e.GetRawText()))];
                    break;
                case "const":
                    node.HasConst = true;
                    node.Const = JsonNode.Parse(value.GetRawText());
                    break;
                case "pattern":
                    node.Pattern = SchemaPatterns.Get(String(value, location, keyword.Name));
                    break;
                case "minLength":
                    node.MinLength = Count(value, location, keyword.Name);
                    break;
                case "maxLength":
                    node.MaxLength = Count(value, location, keyword.Name);
                    break;
                case "minimum":
                    node.Minimum = Number(value, location, keyword.Name);
                    break;
                case "maximum":
                    node.Maximum = Number(value, location, keyword.Name);
                    break;
                default:
                    throw Bad(location, $"keyword \"{keyword.Name}\" is not supported by cnitest's validator (add it to Harness/CniTest.Harness/Schemas first)");
            }
        }

        if (hasRef && element.EnumerateObject().Any(k => k.Name != "$ref" && !Annotations.Contains(k.Name)))
        {
            throw Bad(location, "draft-07 ignores every keyword beside $ref; move them into an allOf");
        }

        return node;
    }

    private SchemaNode Resolve(string reference, Uri baseUri, string from)
    {
        var target = new Uri(baseUri, reference);
        var relative = BaseUri.MakeRelativeUri(new Uri(target.GetLeftPart(UriPartial.Query))).OriginalString;
        if (!target.AbsoluteUri.StartsWith(BaseUri.AbsoluteUri, StringComparison.Ordinal) || relative.StartsWith("..", StringComparison.Ordinal)
            || !TryFile(relative))
        {
            throw Bad(from, $"$ref \"{reference}\" is no embedded schema file (resolved to {target})");
        }

        var pointer = Uri.UnescapeDataString(target.Fragment.TrimStart('#'));
        return nodes.TryGetValue($"{relative}#{pointer}", out var node)
            ? node
            : throw Bad(from, $"$ref \"{reference}\" points at no schema in {relative}");
    }

    private static void EnsureNoCycle(SchemaNode node)
    {
        var seen = new HashSet<SchemaNode>();
        for (var n = node; n is not null; n = n.Ref)
        {
            if (!seen.Add(n))
            {
                throw Bad(node.Location, "$ref chain loops back on itself");
            }
        }
    }

    private static JsonTypes Types(JsonElement value, string location)
    {
        static JsonTypes One(JsonElement e, string location) => (e.ValueKind == JsonValueKind.String ? e.GetString() : null) switch
        {
            "array" => JsonTypes.Array,
            "boolean" => JsonTypes.Boolean,
            "integer" => JsonTypes.Integer,
            "null" => JsonTypes.Null,
            "number" => JsonTypes.Number,
            "object" => JsonTypes.Object,
            "string" => JsonTypes.String,
            _ => throw Bad(location, $"type {e.GetRawText()} is not a JSON Schema type"),
        };

        return value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Aggregate(JsonTypes.None, (all, e) => all | One(e, location))
            : One(value, location);
    }

    private static JsonElement.ObjectEnumerator Object(JsonElement value, string location, string keyword) =>
        value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : throw Bad(location, $"{keyword} must be an object");

    private static JsonElement.ArrayEnumerator Array(JsonElement value, string location, string keyword) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : throw Bad(location, $"{keyword} must be an array");

    private static string String(JsonElement value, string location, string keyword) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad(location, $"{keyword} must be a string");

    private static int Count(JsonElement value, string location, string keyword) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n : throw Bad(location, $"{keyword} must be a non-negative integer");

    private static decimal Number(JsonElement value, string location, string keyword) =>
        value.ValueKind == JsonValueKind.Number && decimal.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw Bad(location, $"{keyword} must be a number");

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static InvalidOperationException Bad(string location, string why) => new($"schema {location}: {why}");
}
