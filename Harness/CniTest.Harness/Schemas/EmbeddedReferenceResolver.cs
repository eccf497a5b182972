using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.References;

namespace CniTest.Harness.Schemas;

/// <summary>
/// Resolves relative <c>$ref</c>s between schema files (<c>../common/net.schema.json#/definitions/cidr</c>)
/// from the embedded copies instead of the file system. Schemas are loaded under the virtual root
/// <see cref="Root"/>, so NJsonSchema combines a reference with the referring file's directory and hands us an
/// absolute virtual path.
/// </summary>
internal sealed class EmbeddedReferenceResolver(JsonSchema root)
    : JsonReferenceResolver(new JsonSchemaAppender(root, new DefaultTypeNameGenerator()))
{
    public const string Root = "/cnitest-schemas/";

    public static string VirtualPath(string path) => Root + path;

    public override async Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(filePath);
        if (!full.StartsWith(Root, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"schema reference \"{filePath}\" leaves the schema folder");
        }

        return await JsonSchema.FromJsonAsync(EmbeddedSchemaFiles.Read(full[Root.Length..]), full, _ => this, cancellationToken)
            .ConfigureAwait(false);
    }

    public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException($"schema reference \"{url}\" is a URL; cnitest schemas reference each other by relative path only");
}
