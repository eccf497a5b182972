using System.Text.Json.Nodes;

namespace CniTest.Harness.Schemas;

/// <summary>The object keywords: properties, required, minProperties, additionalProperties.</summary>
internal static partial class SchemaEvaluator
{
    private static void Object(JsonNode? value, SchemaNode schema, string path, List<SchemaError> errors)
    {
        // Object keywords apply to objects only (draft-07). NJsonSchema also reported every required key of a
        // non-object as missing, beside the type error; see DifferentialTests for that deliberate difference.
        if (value is not JsonObject obj)
        {
            return;
        }

        foreach (var (key, propertySchema) in schema.Properties)
        {
            if (obj.TryGetPropertyValue(key, out var child))
            {
                if (child is null && propertySchema.AllowsNull)
                {
                    continue;
                }

                errors.AddRange(Evaluate(child, propertySchema, JsonPaths.Property(path, key)));
            }
            else if (schema.Required.Contains(key))
            {
                errors.Add(new SchemaError(ErrorKind.PropertyRequired, path, key, schema, value));
            }
        }

        foreach (var key in schema.Required)
        {
            if (!schema.PropertyNames.Contains(key) && !obj.ContainsKey(key))
            {
                errors.Add(new SchemaError(ErrorKind.PropertyRequired, path, key, schema, value));
            }
        }

        if (schema.MinProperties > 0 && obj.Count < schema.MinProperties)
        {
            errors.Add(new SchemaError(ErrorKind.TooFewProperties, path, null, schema, value));
        }

        if (schema.AdditionalProperties is null && schema.AdditionalPropertiesAllowed)
        {
            return;
        }

        foreach (var (key, child) in obj)
        {
            if (schema.PropertyNames.Contains(key))
            {
                continue;
            }

            var childPath = JsonPaths.Property(path, key);
            if (schema.AdditionalProperties is { } additional)
            {
                var inner = Evaluate(child, additional, childPath);
                if (inner.Count > 0)
                {
                    errors.Add(new SchemaError(ErrorKind.AdditionalPropertiesNotValid, childPath, key, additional, child) { Children = [(additional, inner)] });
                }
            }
            else
            {
                errors.Add(new SchemaError(ErrorKind.NoAdditionalPropertiesAllowed, childPath, key, schema, child));
            }
        }
    }
}
