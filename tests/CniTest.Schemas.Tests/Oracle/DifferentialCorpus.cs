using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Schemas;
using CniTest.Schemas.Tests.Fixtures;

namespace CniTest.Schemas.Tests.Oracle;

/// <summary>One document to validate with both validators.</summary>
/// <param name="Name">Where it came from, for failure messages.</param>
public sealed record DifferentialCase(string Name, SchemaKind Kind, string Version, string Json)
{
    public override string ToString() => Name;
}

/// <summary>
/// The documents the differential test validates with both our validator and NJsonSchema: every schema fixture
/// (valid and invalid), every plugin output and config text of the bad-input corpus, and mutations of one valid
/// fixture per schema (each value replaced by values of every JSON type, each key removed, an unknown key added)
/// so that every keyword of every schema meets values on both sides of it.
/// </summary>
internal static class DifferentialCorpus
{
    private static readonly string BadInput = Path.Combine(Repo.Root, "fixtures", "bad-input");

    public static IEnumerable<DifferentialCase> Fixtures() =>
        SchemaFixture.All().Select(f => new DifferentialCase(f.Name, f.Kind, f.Version, File.ReadAllText(f.File)));

    /// <summary>What plugins print in fixtures/bad-input/plugin-outputs.json, against every output schema of three versions.</summary>
    public static IEnumerable<DifferentialCase> PluginOutputs()
    {
        var entries = JsonNode.Parse(File.ReadAllText(Path.Combine(BadInput, "plugin-outputs.json")))!.AsArray();
        foreach (var entry in entries)
        {
            foreach (var (command, output) in entry!["plugin"]?.AsObject() ?? [])
            {
                if (output?["stdout"]?["text"]?.GetValue<string>() is not { } text)
                {
                    continue;
                }

                foreach (var version in new[] { "0.4.0", "1.0.0", "1.1.0" })
                {
                    foreach (var kind in new[] { SchemaKind.Result, SchemaKind.IpamResult, SchemaKind.Error, SchemaKind.VersionReply })
                    {
                        yield return new DifferentialCase($"bad-input {entry["id"]} {command} as {version}/{SchemaKinds.FileName(kind)}", kind, version, text);
                    }
                }
            }
        }
    }

    /// <summary>The config texts of fixtures/bad-input/configs.json against the list and plugin schemas.</summary>
    public static IEnumerable<DifferentialCase> Configs()
    {
        var entries = JsonNode.Parse(File.ReadAllText(Path.Combine(BadInput, "configs.json")))!.AsArray();
        foreach (var entry in entries)
        {
            foreach (var config in entry!["configs"]?.AsArray() ?? [])
            {
                if (config?["text"]?.GetValue<string>() is not { } text || text.Length > 100_000)
                {
                    continue; // the 20 MB and 100k-deep entries test the loader, not the schemas
                }

                foreach (var version in new[] { "0.4.0", "1.0.0", "1.1.0" })
                {
                    foreach (var kind in new[] { SchemaKind.NetConfList, SchemaKind.NetConf })
                    {
                        yield return new DifferentialCase($"bad-input {entry["id"]} {config["name"]} as {version}/{SchemaKinds.FileName(kind)}", kind, version, text);
                    }
                }
            }
        }
    }

    private static readonly string[] Replacements =
        ["null", "0", "-1", "1.5", "70000", "\"\"", "\"x\"", "\"10.1.2.3/24\"", "\"fd00::1\"", "true", "[]", "[1]", "{}", "{\"a\":1}"];

    /// <summary>Mutations of the first valid fixture of every (version, kind).</summary>
    public static IEnumerable<DifferentialCase> Mutations()
    {
        foreach (var fixture in SchemaFixture.All().Where(f => f.Valid).GroupBy(f => (f.Version, f.Kind)).Select(g => g.First()))
        {
            var original = JsonNode.Parse(File.ReadAllText(fixture.File));
            var i = 0;
            foreach (var mutant in Mutate(original))
            {
                yield return new DifferentialCase($"{fixture.Name} mutation {i++}: {Shorten(mutant)}", fixture.Kind, fixture.Version, mutant);
            }
        }
    }

    private static IEnumerable<string> Mutate(JsonNode? root)
    {
        foreach (var path in Paths(root, []))
        {
            foreach (var replacement in Replacements)
            {
                yield return Replace(root, path, n => n.Parent switch
                {
                    JsonObject o => o[o.First(p => ReferenceEquals(p.Value, n)).Key] = JsonNode.Parse(replacement),
                    JsonArray a => a[a.IndexOf(n)] = JsonNode.Parse(replacement),
                    _ => null,
                });
            }

            yield return Replace(root, path, n =>
            {
                if (n.Parent is JsonObject o)
                {
                    o.Remove(o.First(p => ReferenceEquals(p.Value, n)).Key);
                }

                return null;
            });
            yield return Replace(root, path, n =>
            {
                if (n is JsonObject o)
                {
                    o["zzz-unknown"] = 1;
                }

                return null;
            });
        }
    }

    // Paths to every non-null node below the root, as child indexes (keys by position).
    private static IEnumerable<int[]> Paths(JsonNode? node, int[] at)
    {
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value).ToList(),
            JsonArray a => [.. a],
            _ => [],
        };
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is null)
            {
                continue;
            }

            int[] here = [.. at, i];
            yield return here;
            foreach (var deeper in Paths(children[i], here))
            {
                yield return deeper;
            }
        }
    }

    private static string Replace(JsonNode? root, int[] path, Func<JsonNode, JsonNode?> change)
    {
        var copy = root!.DeepClone();
        var node = copy;
        foreach (var i in path)
        {
            node = node switch
            {
                JsonObject o => o.ElementAt(i).Value!,
                JsonArray a => a[i]!,
                _ => throw new InvalidOperationException("path leaves the document"),
            };
        }

        change(node);
        return copy.ToJsonString();
    }

    private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";

    /// <summary>True when System.Text.Json reads the text as exactly one document.</summary>
    public static bool IsStrictJson(string json)
    {
        try
        {
            using var _ = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
