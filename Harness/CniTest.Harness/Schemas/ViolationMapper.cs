using System.Globalization;

namespace CniTest.Harness.Schemas;

/// <summary>
/// Turns the evaluator's error tree into flat <see cref="SchemaViolation"/>s: wrappers (array items, allOf,
/// additional properties) are opened so each leaf is reported at its own path; anyOf/oneOf failures stay one
/// violation that names the alternatives.
/// </summary>
internal static class ViolationMapper
{
    public static void Flatten(SchemaError error, List<SchemaViolation> into)
    {
        if (error.Kind is ErrorKind.ArrayItemNotValid or ErrorKind.AdditionalPropertiesNotValid or ErrorKind.NotAllOf)
        {
            foreach (var inner in error.Children.SelectMany(c => c.Errors))
            {
                Flatten(inner, into);
            }

            return;
        }

        // A multi-type schema (["array", "null"]) that failed: when the value has one of the allowed JSON types,
        // the errors inside that type are the real ones; report those instead of "no type validates". (String,
        // number and array keywords are checked under every listed type, so only a branch without any type error
        // is the value's own type.)
        if (error.Kind == ErrorKind.NoTypeValidates
            && error.PerType.FirstOrDefault(t => t.Errors.Count > 0 && !t.Errors.Any(IsTypeMismatch)) is { Errors: { } inside })
        {
            foreach (var inner in inside)
            {
                Flatten(inner, into);
            }

            return;
        }

        into.Add(new SchemaViolation(PathOf(error), Rule(error.Kind), Message(error)));
    }

    private static bool IsTypeMismatch(SchemaError e) => Rule(e.Kind) == "type";

    /// <summary>The JSON path of the value at fault; for a missing key, the path the key would have.</summary>
    private static string PathOf(SchemaError error) =>
        error is { Kind: ErrorKind.PropertyRequired, Property: { } key } ? JsonPaths.MissingKey(error.Path, key) : error.Path;

    private static string Rule(ErrorKind kind) => kind switch
    {
        ErrorKind.PropertyRequired => "required",
        ErrorKind.StringExpected or ErrorKind.NumberExpected or ErrorKind.IntegerExpected or ErrorKind.BooleanExpected
            or ErrorKind.ObjectExpected or ErrorKind.ArrayExpected or ErrorKind.NullExpected or ErrorKind.NoTypeValidates => "type",
        ErrorKind.PatternMismatch => "pattern",
        ErrorKind.StringTooShort => "minLength",
        ErrorKind.StringTooLong => "maxLength",
        ErrorKind.NumberTooSmall => "minimum",
        ErrorKind.NumberTooBig => "maximum",
        ErrorKind.NotInEnumeration => "enum",
        ErrorKind.NotConst => "const",
        ErrorKind.TooFewItems => "minItems",
        ErrorKind.ItemsNotUnique => "uniqueItems",
        ErrorKind.TooFewProperties => "minProperties",
        ErrorKind.ExcludedSchemaValidates => "not",
        ErrorKind.NoAdditionalPropertiesAllowed => "additionalProperties",
        ErrorKind.NotAnyOf => "anyOf",
        ErrorKind.NotOneOf => "oneOf",
        _ => kind.ToString(), // wrappers, only ever named inside an anyOf/oneOf message
    };

    private static string Message(SchemaError error)
    {
        var schema = error.Schema;
        var value = JsonValues.Show(error.Value);
        return error.Kind switch
        {
            ErrorKind.PropertyRequired => $"required key \"{error.Property}\" is missing",
            ErrorKind.StringExpected => $"expected a string, got {value}",
            ErrorKind.NumberExpected => $"expected a number, got {value}",
            ErrorKind.IntegerExpected => $"expected an integer, got {value}",
            ErrorKind.BooleanExpected => $"expected a boolean, got {value}",
            ErrorKind.ObjectExpected => $"expected an object, got {value}",
            ErrorKind.ArrayExpected => $"expected an array, got {value}",
            ErrorKind.NullExpected => $"expected null, got {value}",
            ErrorKind.NoTypeValidates => $"expected {string.Join(" or ", error.PerType.Select(t => t.Type.ToString().ToLowerInvariant()))}, got {value}",
            ErrorKind.PatternMismatch => $"{value} is not a valid {schema.Title ?? $"value (pattern {schema.Pattern})"}",
            ErrorKind.StringTooShort => $"{value} is shorter than {schema.MinLength} character(s)",
            ErrorKind.StringTooLong => $"{value} is longer than {schema.MaxLength} character(s)",
            ErrorKind.NumberTooSmall => $"{value} is less than the minimum {Number(schema.Minimum)}",
            ErrorKind.NumberTooBig => $"{value} is more than the maximum {Number(schema.Maximum)}",
            ErrorKind.NotInEnumeration => $"{value} is not one of {string.Join(", ", schema.Enum!.Select(e => $"\"{JsonValues.Text(e)}\""))}",
            ErrorKind.NotConst => $"{value} is not {schema.Const?.ToJsonString() ?? "null"}",
            ErrorKind.TooFewItems => $"expected at least {schema.MinItems} item(s), got {error.Value?.AsArray().Count}",
            ErrorKind.ExcludedSchemaValidates => $"key not allowed here: {schema.Description ?? "excluded by the schema"}",
            ErrorKind.NoAdditionalPropertiesAllowed => $"key \"{error.Property}\" is not allowed",
            ErrorKind.NotAnyOf or ErrorKind.NotOneOf =>
                $"matches {(error.Kind == ErrorKind.NotOneOf && error.Children.Count(c => c.Errors.Count == 0) > 1 ? "more than one" : "none")} of the alternatives: " +
                string.Join(" | ", error.Children.Select(c => c.Alternative.Description ?? string.Join("; ", c.Errors.Select(Describe)))),
            _ => $"{value} violates {Rule(error.Kind)}",
        };
    }

    private static string Describe(SchemaError e) => $"{PathOf(e)}: {Rule(e.Kind)}";

    private static string Number(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
