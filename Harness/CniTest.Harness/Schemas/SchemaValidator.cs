using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CniTest.Harness.Schemas;

/// <summary>
/// Validates a JSON document against a catalog schema and reports every violation with its JSON path, not only
/// the first. Paths are written like <c>ips[0].address</c>, keys that are not plain identifiers as
/// <c>['cni.dev/attachments'][0].ifname</c>, and "" is the document itself.
/// </summary>
public static class SchemaValidator
{
    // Stateless after construction (its format table is read-only), so one instance serves every thread.
    private static readonly JsonSchemaValidator Validator = new();

    /// <summary>Validates <paramref name="json"/> against <paramref name="kind"/> at <paramref name="version"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such schema (see <see cref="SchemaCatalog.Has"/>).</exception>
    public static IReadOnlyList<SchemaViolation> Validate(SchemaKind kind, string version, JsonNode? json) =>
        Validate(SchemaCatalog.Get(kind, version), json);

    /// <inheritdoc cref="Validate(SchemaKind, string, JsonNode?)"/>
    /// <remarks>Text that is not exactly one JSON document is reported as one violation with rule <c>json</c>.</remarks>
    public static IReadOnlyList<SchemaViolation> Validate(SchemaKind kind, string version, string json) =>
        Validate(SchemaCatalog.Get(kind, version), json);

    /// <summary>Validates against any parsed schema, e.g. <see cref="SchemaCatalog.Report"/>.</summary>
    public static IReadOnlyList<SchemaViolation> Validate(JsonSchema schema, JsonNode? json) =>
        Validate(schema, json?.ToJsonString() ?? "null");

    /// <inheritdoc cref="Validate(JsonSchema, JsonNode?)"/>
    public static IReadOnlyList<SchemaViolation> Validate(JsonSchema schema, string json)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(json);
        JToken token;
        try
        {
            token = Parse(json);
        }
        catch (JsonException e)
        {
            return [new SchemaViolation("", "json", $"not a single JSON document: {e.Message}")];
        }

        // NJsonSchema casts every integer to long and throws InvalidCastException on a BigInteger token (a plugin
        // printing "interface": 99999999999999999999999); no CNI field holds such a number, so that is the finding.
        var huge = token.SelectTokens("..*").Append(token).OfType<JValue>().Where(v => v.Value is System.Numerics.BigInteger).ToList();
        if (huge.Count > 0)
        {
            return [.. huge.Select(v => new SchemaViolation(v.Path, "type", $"integer {Shorten(v.ToString())} is beyond 64 bits"))];
        }

        var violations = new List<SchemaViolation>();
        foreach (var error in Validator.Validate(token, schema))
        {
            ViolationMapper.Flatten(error, violations);
        }

        return [.. violations.Distinct()];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            // Keep strings as strings: a date-looking value must not turn into a DateTime token.
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
        };
        var token = JToken.ReadFrom(reader);
        if (reader.Read())
        {
            throw new JsonReaderException($"additional content after the document at line {reader.LineNumber}, position {reader.LinePosition}");
        }

        return token;
    }
}
