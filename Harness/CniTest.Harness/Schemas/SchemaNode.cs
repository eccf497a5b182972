using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CniTest.Harness.Schemas;

/// <summary>
/// One compiled (sub)schema: the draft-07 keywords our schemas use, read once by <see cref="SchemaLoader"/>.
/// Immutable once the loader returns, so every thread may validate against it at the same time.
/// </summary>
internal sealed class SchemaNode(string location)
{
    /// <summary>Where the schema sits, <c>common/net.schema.json#/definitions/ip</c>, for error messages.</summary>
    public string Location { get; } = location;

    /// <summary>The target of <c>$ref</c>; a referencing schema has no other validation keywords (draft-07).</summary>
    public SchemaNode? Ref { get; set; }

    /// <summary>The schema that validates: this one, or the end of its <c>$ref</c> chain.</summary>
    public SchemaNode Actual => Ref?.Actual ?? this;

    public string? Title { get; set; }
    public string? Description { get; set; }

    public JsonTypes Types { get; set; }
    public List<SchemaNode> AllOf { get; } = [];
    public List<SchemaNode> AnyOf { get; } = [];
    public List<SchemaNode> OneOf { get; } = [];
    public SchemaNode? Not { get; set; }

    /// <summary>The <c>properties</c>, in the schema's order (violations follow it).</summary>
    public List<KeyValuePair<string, SchemaNode>> Properties { get; } = [];
    public HashSet<string> PropertyNames { get; } = new(StringComparer.Ordinal);
    public List<string> Required { get; } = [];
    public bool AdditionalPropertiesAllowed { get; set; } = true;
    public SchemaNode? AdditionalProperties { get; set; }
    public int MinProperties { get; set; }

    public SchemaNode? Items { get; set; }
    public int MinItems { get; set; }
    public bool UniqueItems { get; set; }

    public List<JsonNode?>? Enum { get; set; }
    public bool HasConst { get; set; }
    public JsonNode? Const { get; set; }

    public Regex? Pattern { get; set; }
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }

    public decimal? Minimum { get; set; }
    public decimal? Maximum { get; set; }

    /// <summary>
    /// True when a JSON null needs no further checks against this schema: its own or its target's <c>type</c>
    /// allows null (a null property value is then skipped, as NJsonSchema did).
    /// </summary>
    public bool AllowsNull => Types.HasFlag(JsonTypes.Null) || (Ref is { } target && target.AllowsNull);

    public override string ToString() => Location;
}
