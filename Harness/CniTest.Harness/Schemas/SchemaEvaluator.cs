using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Schemas;

/// <summary>
/// Validates a value against a compiled schema. The keywords are checked in NJsonSchema's order (combinators,
/// type with the string/number/array keywords, enum/const, object keywords) so violations come out in the order
/// reports have always shown. Stateless: any number of threads may evaluate at once.
/// </summary>
internal static partial class SchemaEvaluator
{
    /// <summary>Every failed keyword of <paramref name="value"/> at <paramref name="path"/>.</summary>
    public static List<SchemaError> Evaluate(JsonNode? value, SchemaNode schema, string path)
    {
        schema = schema.Actual;
        var errors = new List<SchemaError>();
        Combinators(value, schema, path, errors);
        var before = errors.Count;
        Type(value, schema, path, errors);
        var typeFailed = false;
        for (var i = before; i < errors.Count; i++)
        {
            typeFailed |= IsTypeError(errors[i].Kind);
        }

        Values(value, schema, path, errors, typeFailed);
        Object(value, schema, path, errors);
        return errors;
    }

    private static void Combinators(JsonNode? value, SchemaNode schema, string path, List<SchemaError> errors)
    {
        if (schema.AnyOf.Count > 0)
        {
            var results = Alternatives(value, schema.AnyOf, path);
            if (results.All(r => r.Errors.Count > 0))
            {
                errors.Add(new SchemaError(ErrorKind.NotAnyOf, path, null, schema, value) { Children = results });
            }
        }

        if (schema.AllOf.Count > 0)
        {
            var results = Alternatives(value, schema.AllOf, path);
            if (results.Any(r => r.Errors.Count > 0))
            {
                errors.Add(new SchemaError(ErrorKind.NotAllOf, path, null, schema, value) { Children = results });
            }
        }

        if (schema.OneOf.Count > 0)
        {
            var results = Alternatives(value, schema.OneOf, path);
            if (results.Count(r => r.Errors.Count == 0) != 1)
            {
                errors.Add(new SchemaError(ErrorKind.NotOneOf, path, null, schema, value) { Children = results });
            }
        }

        if (schema.Not is { } not && Evaluate(value, not, path).Count == 0)
        {
            errors.Add(new SchemaError(ErrorKind.ExcludedSchemaValidates, path, null, schema, value));
        }
    }

    private static List<(SchemaNode Alternative, List<SchemaError> Errors)> Alternatives(JsonNode? value, List<SchemaNode> alternatives, string path) =>
        [.. alternatives.Select(a => (a, Evaluate(value, a, path)))];

    private static bool IsTypeError(ErrorKind kind) => kind is ErrorKind.StringExpected or ErrorKind.NumberExpected
        or ErrorKind.IntegerExpected or ErrorKind.BooleanExpected or ErrorKind.ObjectExpected or ErrorKind.ArrayExpected
        or ErrorKind.NullExpected or ErrorKind.NoTypeValidates;

    private static void Values(JsonNode? value, SchemaNode schema, string path, List<SchemaError> errors, bool typeFailed)
    {
        if (value is null && schema.AllowsNull)
        {
            return;
        }

        // enum: JSON equality (draft-07). One exception keeps reports as they were: a value of the wrong type that
        // merely reads like an allowed one ("version": 4 against {"type": "string", "enum": ["4", "6"]}) already has
        // its type error and gets no second finding (NJsonSchema compared enum values by text).
        if (schema.Enum is { } allowed && !allowed.Any(a => JsonValues.Equal(a, value))
            && !(typeFailed && allowed.Any(a => JsonValues.Text(a) == JsonValues.Text(value))))
        {
            errors.Add(new SchemaError(ErrorKind.NotInEnumeration, path, null, schema, value));
        }

        if (schema.HasConst && !JsonValues.Equal(schema.Const, value))
        {
            errors.Add(new SchemaError(ErrorKind.NotConst, path, null, schema, value));
        }
    }

    private static bool Is(JsonNode? value, JsonValueKind kind) => JsonValues.Kind(value) == kind;
}
