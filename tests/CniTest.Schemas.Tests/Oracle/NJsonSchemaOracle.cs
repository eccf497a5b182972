using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using CniTest.Harness.Schemas;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace CniTest.Schemas.Tests.Oracle;

/// <summary>
/// NJsonSchema 11 as an independent second opinion on our validator: the schemas loaded from <c>schemas/</c> on
/// disk (NJsonSchema resolves the relative <c>$ref</c>s itself) and its error tree mapped to
/// <see cref="SchemaViolation"/>s exactly as the Harness did while it validated with NJsonSchema (until issue 14).
/// Test-only: product code must not depend on NJsonSchema (start-up cost, no NativeAOT).
/// </summary>
internal static partial class NJsonSchemaOracle
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new();
    private static readonly JsonSchemaValidator Validator = new();

    /// <summary>The schema file below <c>schemas/</c>, loaded by NJsonSchema.</summary>
    public static JsonSchema Schema(string path) => Schemas.GetOrAdd(path, p => new Lazy<JsonSchema>(() =>
        JsonSchema.FromFileAsync(Path.Combine(Repo.Schemas, p)).GetAwaiter().GetResult())).Value;

    /// <summary>NJsonSchema's violations, or null when Json.NET cannot read the text as one document.</summary>
    public static IReadOnlyList<SchemaViolation>? Validate(string schemaPath, string json)
    {
        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
            token = JToken.ReadFrom(reader);
            if (reader.Read())
            {
                return null;
            }
        }
        catch (JsonException)
        {
            return null;
        }

        var huge = token.SelectTokens("..*").Append(token).OfType<JValue>().Where(v => v.Value is System.Numerics.BigInteger).ToList();
        if (huge.Count > 0)
        {
            return [.. huge.Select(v => new SchemaViolation(v.Path, "type", $"integer {Shorten(v.ToString(), 40, "…")} is beyond 64 bits"))];
        }

        var violations = new List<SchemaViolation>();
        foreach (var error in Validator.Validate(token, Schema(schemaPath)))
        {
            Flatten(error, violations);
        }

        return [.. violations.Distinct()];
    }

    private static void Flatten(ValidationError error, List<SchemaViolation> into)
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

    private static string PathOf(ValidationError error)
    {
        var tokenPath = error.Token?.Path ?? "";
        return error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } key
            ? PlainKey().IsMatch(key)
                ? tokenPath.Length == 0 ? key : $"{tokenPath}.{key}"
                : $"{tokenPath}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']"
            : tokenPath;
    }

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
        ValidationErrorKind.NotInEnumeration => "enum",
        ValidationErrorKind.TooFewItems => "minItems",
        ValidationErrorKind.ItemsNotUnique => "uniqueItems",
        ValidationErrorKind.TooFewProperties => "minProperties",
        ValidationErrorKind.ExcludedSchemaValidates => "not",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => "additionalProperties",
        ValidationErrorKind.NotAnyOf => "anyOf",
        ValidationErrorKind.NotOneOf => "oneOf",
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
        JValue { Type: JTokenType.String } s => $"\"{Shorten(s.Value<string>() ?? "", 60, "...")}\"",
        JValue { Type: JTokenType.Null } => "null",
        JValue v => Shorten(v.ToString(Formatting.None), 60, "..."),
        JArray => "an array",
        JObject => "an object",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    private static string Shorten(string s, int max, string ellipsis) =>
        s.Length <= max ? s : s[..(ellipsis.Length == 1 ? max : max - ellipsis.Length)] + ellipsis;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainKey();
}
