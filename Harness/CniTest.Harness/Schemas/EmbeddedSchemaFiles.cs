using System.Reflection;

namespace CniTest.Harness.Schemas;

/// <summary>
/// The files embedded from <c>schemas/</c> (see the Harness csproj), the JSON Schemas and the rule catalogue,
/// addressed by their path below it, e.g. <c>1.1.0/result.schema.json</c> or <c>rules/cni-rules.json</c>.
/// Embedding keeps the CLI independent of the working directory.
/// </summary>
internal static class EmbeddedSchemaFiles
{
    private const string Prefix = "schemas/";
    private static readonly Assembly Assembly = typeof(EmbeddedSchemaFiles).Assembly;

    /// <summary>Every embedded path, e.g. <c>common/net.schema.json</c>.</summary>
    public static IReadOnlyList<string> Paths { get; } =
        [.. Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(n => n[Prefix.Length..]).Order(StringComparer.Ordinal)];

    public static bool Exists(string path) => Paths.Contains(path);

    /// <summary>The file's text; throws <see cref="FileNotFoundException"/> for an unknown path.</summary>
    public static string Read(string path)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + path)
            ?? throw new FileNotFoundException($"no embedded schema \"{path}\"", path);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
