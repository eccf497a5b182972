using CniTest.Harness.Schemas;
using CniTest.Schemas.Tests.Support;

namespace CniTest.Schemas.Tests.Fixtures;

/// <summary>
/// One file of <c>fixtures/schemas/&lt;version&gt;/&lt;kind&gt;/(valid|invalid)/NAME.json</c>. An invalid fixture has a
/// sibling <c>NAME.expect</c> with one expected violation per line, <c>PATH RULE</c> (the path <c>$</c> stands for
/// the document itself; <c>#</c> starts a comment); the violations must be exactly those.
/// </summary>
public sealed record SchemaFixture(string Version, SchemaKind Kind, bool Valid, string File)
{
    public string Name => $"{Version}/{SchemaKinds.FileName(Kind)}/{(Valid ? "valid" : "invalid")}/{Path.GetFileName(File)}";

    public string ExpectFile => Path.ChangeExtension(File, ".expect");

    /// <summary>The expected (path, rule) pairs of an invalid fixture.</summary>
    public IReadOnlyList<(string Path, string Rule)> Expected() =>
        [.. System.IO.File.ReadAllLines(ExpectFile)
            .Select(l => l.Split('#')[0].Trim())
            .Where(l => l.Length > 0)
            .Select(l =>
            {
                var space = l.LastIndexOf(' ');
                var path = l[..space].Trim();
                return (path == "$" ? "" : path, l[(space + 1)..]);
            })];

    public override string ToString() => Name;

    public static IEnumerable<SchemaFixture> All()
    {
        foreach (var versionDir in Directory.GetDirectories(Repo.SchemaFixtures).Order(StringComparer.Ordinal))
        {
            foreach (var kindDir in Directory.GetDirectories(versionDir).Order(StringComparer.Ordinal))
            {
                if (!SchemaKinds.TryParse(Path.GetFileName(kindDir), out var kind))
                {
                    throw new InvalidOperationException($"fixture folder {kindDir} is not a schema kind");
                }

                foreach (var validity in new[] { "valid", "invalid" })
                {
                    var dir = Path.Combine(kindDir, validity);
                    if (!Directory.Exists(dir))
                    {
                        continue;
                    }

                    foreach (var file in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
                    {
                        yield return new SchemaFixture(Path.GetFileName(versionDir), kind, validity == "valid", file);
                    }
                }
            }
        }
    }
}
