using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Config;

namespace CniTest.Harness.Schemas;

/// <summary>What the validator needs to know of a <see cref="JsonNode"/> value (null is JSON null).</summary>
internal static class JsonValues
{
    public static JsonValueKind Kind(JsonNode? value) => ConfigJson.KindOf(value);

    public static bool IsNumber(JsonNode? value) => Kind(value) == JsonValueKind.Number;

    /// <summary>
    /// A number written without fraction or exponent. <c>1.0</c> is not an integer here (draft-07 would say it is):
    /// CNI's fields are Go integers, and Go's decoder rejects <c>1.0</c> for an <c>int</c>.
    /// </summary>
    public static bool IsInteger(JsonNode? value) => IsNumber(value) && IsPlainInteger(Raw(value!));

    // A loop, not IndexOfAny: the vectorised search is generic code the first call would JIT-compile.
    private static bool IsPlainInteger(string raw)
    {
        foreach (var c in raw)
        {
            if (c is '.' or 'e' or 'E')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The number as written in the document.</summary>
    public static string Raw(JsonNode value) =>
        value is JsonValue v && v.TryGetValue<JsonElement>(out var element) ? element.GetRawText() : value.ToJsonString();

    /// <summary>The number's value; a magnitude beyond <see cref="decimal"/> (1e300) compares as a double.</summary>
    public static int CompareTo(JsonNode number, decimal limit)
    {
        var raw = Raw(number);
        return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d.CompareTo(limit)
            : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture).CompareTo((double)limit);
    }

    /// <summary>An integer literal beyond 64 bits, which no CNI field can hold.</summary>
    public static bool IsHugeInteger(JsonNode? value) => IsInteger(value) && !long.TryParse(Raw(value!), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public static string String(JsonNode value) => value.GetValue<string>();

    /// <summary>JSON equality (enum, const, uniqueItems): same type and value, objects regardless of key order.</summary>
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        var kind = Kind(a);
        if (kind != Kind(b))
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False => true,
            JsonValueKind.String => String(a!) == String(b!),
            JsonValueKind.Number => decimal.TryParse(Raw(a!), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                                    && decimal.TryParse(Raw(b!), NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                ? x == y
                : Raw(a!) == Raw(b!),
            JsonValueKind.Array => a!.AsArray().Count == b!.AsArray().Count && a.AsArray().Zip(b.AsArray()).All(p => Equal(p.First, p.Second)),
            _ => a!.AsObject().Count == b!.AsObject().Count
                 && a.AsObject().All(p => b.AsObject().TryGetPropertyValue(p.Key, out var other) && Equal(p.Value, other)),
        };
    }

    /// <summary>A string's value, a number as written, other values as JSON (enum's comparison and messages).</summary>
    public static string Text(JsonNode? value) => Kind(value) switch
    {
        JsonValueKind.String => String(value!),
        JsonValueKind.Number => Raw(value!),
        _ => value?.ToJsonString() ?? "null",
    };

    /// <summary>The value as messages show it: strings quoted and cut at 60 characters, containers by their kind.</summary>
    public static string Show(JsonNode? value) => Kind(value) switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => $"\"{Shorten(String(value!))}\"",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => Shorten(ShowNumber(Raw(value!))),
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    // Integers as written; other numbers as their decimal value with at least one decimal place (1e2 is "100.0").
    private static string ShowNumber(string raw)
    {
        if (IsPlainInteger(raw)
            || !decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return raw;
        }

        var text = d.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
