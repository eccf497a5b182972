using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CniTest.Harness.Schemas;

/// <summary>
/// Turns NJsonSchema's error tree into flat <see cref="SchemaViolation"/>s: wrappers (array items, allOf,
/// additional properties) are opened so each leaf is reported at its own path; anyOf/oneOf failures stay one
/// violation that names the alternatives.
/// </summary>
internal static partial class ViolationMapper
{
    public static void Flatten(ValidationError error, List<SchemaViolation> into)
    {
        if (error is ChildSchemaValidationError child && error.Kind is ValidationErrorKind.ArrayItemNotValid
                or ValidationErrorKind.AdditionalItemNotValid or ValidationErrorKind.AdditionalPropertiesNotValid
                or ValidationErrorKind.NotAllOf)
        {
            foreach (var inner in child.Errors.Values.SelectMany(e => e))
            {
                Flatten(inner, into);
            }

            return;
        }

        // A multi-type schema (["array", "null"]) that failed: when the value has one of the allowed JSON types,
        // the errors inside that type are the real ones; report those instead of "no type validates".
        // (NJsonSchema checks string keywords under every listed type, so only a branch without any type error is
        // the value's own type.)
        if (error is MultiTypeValidationError multi
            && multi.Errors.FirstOrDefault(e => e.Value.Count > 0 && !e.Value.Any(IsTypeMismatch)) is { Value: { } inside })
        {
            foreach (var inner in inside)
            {
                Flatten(inner, into);
            }

            return;
        }

        into.Add(new SchemaViolation(PathOf(error), Rule(error.Kind), Message(error)));
    }

    private static bool IsTypeMismatch(ValidationError e) => Rule(e.Kind) == "type";

    /// <summary>The JSON path of the value at fault; for a missing key, the path the key would have.</summary>
    internal static string PathOf(ValidationError error)
    {
        var tokenPath = error.Token?.Path ?? "";
        return error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } key
            ? Append(tokenPath, key)
            : tokenPath;
    }

    internal static string Append(string path, string key) =>
        PlainKey().IsMatch(key)
            ? path.Length == 0 ? key : $"{path}.{key}"
            : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static string Rule(ValidationErrorKind kind) => kind switch
    {
        ValidationErrorKind.PropertyRequired => "required",
        ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
            or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
            or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates => "type",
        ValidationErrorKind.PatternMismatch => "pattern",
        ValidationErrorKind.StringTooShort => "minLength",
        ValidationErrorKind.StringTooLong => "maxLength",
        ValidationErrorKind.NumberTooSmall => "minimum",
        ValidationErrorKind.NumberTooBig => "maximum",
        ValidationErrorKind.NumberNotMultipleOf => "multipleOf",
        ValidationErrorKind.NotInEnumeration => "enum",
        ValidationErrorKind.TooFewItems => "minItems",
        ValidationErrorKind.TooManyItems => "maxItems",
        ValidationErrorKind.ItemsNotUnique => "uniqueItems",
        ValidationErrorKind.TooFewProperties => "minProperties",
        ValidationErrorKind.TooManyProperties => "maxProperties",
        ValidationErrorKind.ExcludedSchemaValidates => "not",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => "additionalProperties",
        ValidationErrorKind.NotAnyOf => "anyOf",
        ValidationErrorKind.NotOneOf => "oneOf",
        ValidationErrorKind.TooManyItemsInTuple => "additionalItems",
        _ when kind.ToString().EndsWith("Expected", StringComparison.Ordinal) => "format",
        _ => kind.ToString(),
    };

    private static string Message(ValidationError error)
    {
        var schema = error.Schema;
        var value = Show(error.Token);
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"required key \"{error.Property}\" is missing",
            ValidationErrorKind.StringExpected => $"expected a string, got {value}",
            ValidationErrorKind.NumberExpected => $"expected a number, got {value}",
            ValidationErrorKind.IntegerExpected => $"expected an integer, got {value}",
            ValidationErrorKind.BooleanExpected => $"expected a boolean, got {value}",
            ValidationErrorKind.ObjectExpected => $"expected an object, got {value}",
            ValidationErrorKind.ArrayExpected => $"expected an array, got {value}",
            ValidationErrorKind.NullExpected => $"expected null, got {value}",
            ValidationErrorKind.NoTypeValidates => $"expected {schema.Type.ToString().ToLowerInvariant().Replace(", ", " or ", StringComparison.Ordinal)}, got {value}",
            ValidationErrorKind.PatternMismatch => $"{value} is not a valid {schema.Title ?? $"value (pattern {schema.Pattern})"}",
            ValidationErrorKind.StringTooShort => $"{value} is shorter than {schema.MinLength} character(s)",
            ValidationErrorKind.StringTooLong => $"{value} is longer than {schema.MaxLength} character(s)",
            ValidationErrorKind.NumberTooSmall => $"{value} is less than the minimum {Number(schema.Minimum ?? schema.ExclusiveMinimum)}",
            ValidationErrorKind.NumberTooBig => $"{value} is more than the maximum {Number(schema.Maximum ?? schema.ExclusiveMaximum)}",
            ValidationErrorKind.NotInEnumeration => $"{value} is not one of {string.Join(", ", schema.Enumeration.Select(e => $"\"{e}\""))}",
            ValidationErrorKind.TooFewItems => $"expected at least {schema.MinItems} item(s), got {(error.Token as JArray)?.Count}",
            ValidationErrorKind.TooManyItems => $"expected at most {schema.MaxItems} item(s), got {(error.Token as JArray)?.Count}",
            ValidationErrorKind.ExcludedSchemaValidates => $"key not allowed here: {schema.Description ?? "excluded by the schema"}",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"key \"{error.Property}\" is not allowed",
            ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf when error is ChildSchemaValidationError c =>
                $"matches {(error.Kind == ValidationErrorKind.NotOneOf && c.Errors.Count(e => e.Value.Count == 0) > 1 ? "more than one" : "none")} of the alternatives: " +
                string.Join(" | ", c.Errors.Select(e => e.Key.Description ?? string.Join("; ", e.Value.Select(Describe)))),
            _ => $"{value} violates {Rule(error.Kind)}",
        };
    }

    private static string Describe(ValidationError e) => $"{PathOf(e)}: {Rule(e.Kind)}";

    private static string Number(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string Show(JToken? token) => token switch
    {
        null => "nothing",
        JProperty p => $"\"{p.Name}\"",
        JValue { Type: JTokenType.String } s => $"\"{Shorten(s.Value<string>() ?? "")}\"",
        JValue { Type: JTokenType.Null } => "null",
        JValue v => Shorten(v.ToString(Newtonsoft.Json.Formatting.None)),
        JArray => "an array",
        JObject => "an object",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainKey();
}
