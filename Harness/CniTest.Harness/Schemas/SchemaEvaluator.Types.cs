using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Schemas;

internal static partial class SchemaEvaluator
{
    private static readonly JsonTypes[] EachType =
        [JsonTypes.Array, JsonTypes.Boolean, JsonTypes.Integer, JsonTypes.Null, JsonTypes.Number, JsonTypes.Object, JsonTypes.String];

    /// <summary>
    /// <c>type</c>, together with the keywords of one JSON type (string, number, array). With several types the
    /// value is held to each in turn and fails only when it fails all; the failure keeps each type's errors so the
    /// mapper can report the errors inside the value's own type instead of "no type matches".
    /// </summary>
    private static void Type(JsonNode? value, SchemaNode schema, string path, List<SchemaError> errors)
    {
        if (value is null && schema.AllowsNull)
        {
            return;
        }

        // Power of two (or none): one type. Loops, not LINQ over the enum: no start-up JIT for generic enum code.
        if ((schema.Types & (schema.Types - 1)) == 0)
        {
            AsType(value, schema, schema.Types, path, errors);
            return;
        }

        var perType = new List<(JsonTypes Type, List<SchemaError> Errors)>();
        var allFail = true;
        foreach (var type in EachType)
        {
            if ((schema.Types & type) != 0)
            {
                var inType = AsType(value, schema, type, path, []);
                perType.Add((type, inType));
                allFail &= inType.Count > 0;
            }
        }

        if (allFail)
        {
            errors.Add(new SchemaError(ErrorKind.NoTypeValidates, path, null, schema, value) { PerType = perType });
        }
    }

    private static List<SchemaError> AsType(JsonNode? value, SchemaNode schema, JsonTypes type, string path, List<SchemaError> errors)
    {
        Array(value, schema, type, path, errors);
        String(value, schema, type, path, errors);
        Number(value, schema, type, path, errors);
        Expect(JsonValues.IsInteger(value), type, JsonTypes.Integer, ErrorKind.IntegerExpected, value, schema, path, errors);
        Expect(Is(value, JsonValueKind.True) || Is(value, JsonValueKind.False), type, JsonTypes.Boolean, ErrorKind.BooleanExpected, value, schema, path, errors);
        Expect(value is null, type, JsonTypes.Null, ErrorKind.NullExpected, value, schema, path, errors);
        Expect(value is JsonObject, type, JsonTypes.Object, ErrorKind.ObjectExpected, value, schema, path, errors);
        return errors;
    }

    private static void Expect(bool holds, JsonTypes type, JsonTypes wanted, ErrorKind kind, JsonNode? value, SchemaNode schema, string path, List<SchemaError> errors)
    {
        if (!holds && (type & wanted) != 0)
        {
            errors.Add(new SchemaError(kind, path, null, schema, value));
        }
    }

    private static void Array(JsonNode? value, SchemaNode schema, JsonTypes type, string path, List<SchemaError> errors)
    {
        if (value is not JsonArray array)
        {
            Expect(false, type, JsonTypes.Array, ErrorKind.ArrayExpected, value, schema, path, errors);
            return;
        }

        if (array.Count < schema.MinItems)
        {
            errors.Add(new SchemaError(ErrorKind.TooFewItems, path, null, schema, value));
        }

        if (schema.UniqueItems && HasDuplicate(array))
        {
            errors.Add(new SchemaError(ErrorKind.ItemsNotUnique, path, null, schema, value));
        }

        if (schema.Items is not { } items)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = JsonPaths.Item(path, i);
            var inner = Evaluate(array[i], items, itemPath);
            if (inner.Count > 0)
            {
                errors.Add(new SchemaError(ErrorKind.ArrayItemNotValid, itemPath, null, items, array[i]) { Children = [(items, inner)] });
            }
        }
    }

    private static bool HasDuplicate(JsonArray array)
    {
        for (var i = 0; i < array.Count; i++)
        {
            for (var j = i + 1; j < array.Count; j++)
            {
                if (JsonValues.Equal(array[i], array[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void String(JsonNode? value, SchemaNode schema, JsonTypes type, string path, List<SchemaError> errors)
    {
        if (!Is(value, JsonValueKind.String))
        {
            Expect(false, type, JsonTypes.String, ErrorKind.StringExpected, value, schema, path, errors);
            return;
        }

        // Lengths count UTF-16 code units, as NJsonSchema did (draft-07 counts code points; only characters
        // outside the BMP differ, and no CNI string with a length limit holds one).
        var text = JsonValues.String(value!);
        if (schema.Pattern is { } pattern && !pattern.IsMatch(text))
        {
            errors.Add(new SchemaError(ErrorKind.PatternMismatch, path, null, schema, value));
        }

        if (text.Length < schema.MinLength)
        {
            errors.Add(new SchemaError(ErrorKind.StringTooShort, path, null, schema, value));
        }

        if (text.Length > schema.MaxLength)
        {
            errors.Add(new SchemaError(ErrorKind.StringTooLong, path, null, schema, value));
        }
    }

    private static void Number(JsonNode? value, SchemaNode schema, JsonTypes type, string path, List<SchemaError> errors)
    {
        if (!JsonValues.IsNumber(value))
        {
            Expect(false, type, JsonTypes.Number, ErrorKind.NumberExpected, value, schema, path, errors);
            return;
        }

        if (schema.Minimum is { } minimum && JsonValues.CompareTo(value!, minimum) < 0)
        {
            errors.Add(new SchemaError(ErrorKind.NumberTooSmall, path, null, schema, value));
        }

        if (schema.Maximum is { } maximum && JsonValues.CompareTo(value!, maximum) > 0)
        {
            errors.Add(new SchemaError(ErrorKind.NumberTooBig, path, null, schema, value));
        }
    }
}
