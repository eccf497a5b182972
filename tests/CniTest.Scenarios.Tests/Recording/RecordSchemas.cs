using NJsonSchema;

namespace CniTest.Scenarios.Tests.Recording;

/// <summary>Validates recording files against the published schemas (<c>schemas/record/</c>).</summary>
internal static class RecordSchemas
{
    private static readonly Lazy<JsonSchema> Step = new(() => JsonSchema.FromFileAsync(Path.Combine(Repo.Schemas, "record", "cnitest-record-step.schema.json")).GetAwaiter().GetResult());
    private static readonly Lazy<JsonSchema> Index = new(() => JsonSchema.FromFileAsync(Path.Combine(Repo.Schemas, "record", "cnitest-record-index.schema.json")).GetAwaiter().GetResult());

    /// <summary>Every schema error of every file of the recording in <paramref name="dir"/>, as "file: error".</summary>
    public static IReadOnlyList<string> Errors(string dir)
    {
        var errors = new List<string>();
        foreach (var file in Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories))
        {
            var schema = Path.GetFileName(file) == "index.json" ? Index.Value : Step.Value;
            errors.AddRange(schema.Validate(File.ReadAllText(file)).Select(e => $"{Path.GetRelativePath(dir, file)}: {e}"));
        }

        return errors;
    }
}
