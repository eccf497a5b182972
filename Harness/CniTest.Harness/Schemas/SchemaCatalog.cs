using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using CniTest.Harness.Versioning;

namespace CniTest.Harness.Schemas;

/// <summary>
/// The JSON Schemas of every CNI message and spec version (<c>schemas/&lt;version&gt;/&lt;kind&gt;.schema.json</c>,
/// embedded in this assembly). Each schema is compiled, with its references resolved, the first time it is asked
/// for and then kept for the life of the process; all members are thread-safe.
/// </summary>
public static class SchemaCatalog
{
    // Keyed by file path, not (kind, version): a string key needs no JIT-compiled generic code at start-up.
    private static readonly ConcurrentDictionary<string, Lazy<CatalogSchema>> Loaded = new(StringComparer.Ordinal);
    private static readonly Lazy<CatalogSchema> ReportSchema = new(() => Load(ReportPath));

    /// <summary>Where the <c>cnitest run --report</c> JSON schema lives below <c>schemas/</c>.</summary>
    public const string ReportPath = "report/cnitest-report.schema.json";

    /// <summary>Every kind, in declaration order.</summary>
    public static IReadOnlyList<SchemaKind> Kinds { get; } =
    [
        SchemaKind.NetConf, SchemaKind.NetConfList, SchemaKind.Request, SchemaKind.Result, SchemaKind.IpamResult,
        SchemaKind.Error, SchemaKind.VersionReply, SchemaKind.StatusRequest, SchemaKind.GcRequest,
    ];

    /// <summary>The spec versions that have a schema folder, oldest first (the seven tagged versions).</summary>
    public static IReadOnlyList<string> Versions => SpecVersions.All;

    /// <summary>The versions for which <paramref name="kind"/> exists (VERSION from 0.2.0, STATUS/GC in 1.1.0).</summary>
    public static IReadOnlyList<string> VersionsOf(SchemaKind kind) =>
        [.. Versions.Where(v => EmbeddedSchemaFiles.Exists(FilePath(kind, v)))];

    /// <summary>True when a schema exists for <paramref name="kind"/> at <paramref name="version"/>.</summary>
    public static bool Has(SchemaKind kind, string version) =>
        SpecVersions.IsKnown(version) && EmbeddedSchemaFiles.Exists(FilePath(kind, version));

    /// <summary>The compiled schema, loaded once per process.</summary>
    /// <exception cref="KeyNotFoundException">No such schema (see <see cref="Has"/>).</exception>
    public static CatalogSchema Get(SchemaKind kind, string version)
    {
        EnsureExists(kind, version);
        return Loaded.GetOrAdd(FilePath(kind, version), path => new Lazy<CatalogSchema>(() => Load(path))).Value;
    }

    /// <summary>The schema file's text exactly as published in <c>schemas/</c>, for printing.</summary>
    /// <exception cref="KeyNotFoundException">No such schema (see <see cref="Has"/>).</exception>
    public static string Text(SchemaKind kind, string version)
    {
        EnsureExists(kind, version);
        return EmbeddedSchemaFiles.Read(FilePath(kind, version));
    }

    /// <summary>The text of a shared definitions file, e.g. <c>common/net.schema.json</c>, or of the report schema.</summary>
    public static bool TryGetFileText(string path, [NotNullWhen(true)] out string? text)
    {
        text = EmbeddedSchemaFiles.Exists(path) ? EmbeddedSchemaFiles.Read(path) : null;
        return text is not null;
    }

    /// <summary>The paths of the shared definition files below <c>schemas/</c> (<c>common/…</c>).</summary>
    public static IReadOnlyList<string> CommonFiles { get; } =
        [.. EmbeddedSchemaFiles.Paths.Where(p => p.StartsWith("common/", StringComparison.Ordinal))];

    /// <summary>The schema of the <c>cnitest run --report</c> JSON.</summary>
    public static CatalogSchema Report => ReportSchema.Value;

    /// <summary>The file below <c>schemas/</c> that holds <paramref name="kind"/> at <paramref name="version"/>.</summary>
    public static string FilePath(SchemaKind kind, string version) => $"{version}/{SchemaKinds.FileName(kind)}.schema.json";

    private static void EnsureExists(SchemaKind kind, string version)
    {
        if (!Has(kind, version))
        {
            throw new KeyNotFoundException(SpecVersions.IsKnown(version)
                ? $"no {SchemaKinds.FileName(kind)} schema for CNI {version} (it exists for {string.Join(", ", VersionsOf(kind))})"
                : $"no schemas for CNI version \"{version}\" (known: {string.Join(", ", Versions)})");
        }
    }

    private static CatalogSchema Load(string path) => CatalogSchema.Load(path);
}
