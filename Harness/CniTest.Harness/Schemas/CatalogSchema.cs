namespace CniTest.Harness.Schemas;

/// <summary>
/// A JSON Schema of <see cref="SchemaCatalog"/>, compiled with its references resolved, ready for
/// <see cref="SchemaValidator"/>. Immutable: one instance serves every thread.
/// </summary>
public sealed class CatalogSchema
{
    internal CatalogSchema(string path, SchemaNode root)
    {
        Path = path;
        Root = root;
    }

    /// <summary>The schema's file below <c>schemas/</c>, e.g. <c>1.1.0/result.schema.json</c>.</summary>
    public string Path { get; }

    /// <summary>The schema's <c>title</c>, if it has one.</summary>
    public string? Title => Root.Title;

    internal SchemaNode Root { get; }

    /// <summary>Compiles an embedded schema file; every keyword it (or a file it references) uses must be supported.</summary>
    /// <exception cref="InvalidOperationException">The file uses a keyword this validator does not implement, or a reference points nowhere.</exception>
    internal static CatalogSchema Load(string path) => new(path, SchemaLoader.Load(path));

    /// <inheritdoc/>
    public override string ToString() => Path;
}
