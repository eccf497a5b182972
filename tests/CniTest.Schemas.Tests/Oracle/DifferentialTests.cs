using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Schemas;
using FluentAssertions;
using Xunit;

namespace CniTest.Schemas.Tests.Oracle;

/// <summary>
/// Our validator against NJsonSchema (the validator it replaced, now only an oracle) on every document of the
/// corpora: both must agree whether a document is valid and on the set of (path, rule) pairs, and on the messages.
/// Intentional differences, each normalised away below with its reason:
/// <list type="number">
/// <item>NJsonSchema reports every <c>required</c> key of a value that is not an object as missing, beside the
/// type error (<c>ips[0]: expected an object</c> and <c>ips[0].address: required key missing</c>); draft-07 applies
/// <c>required</c> to objects only, and so do we.</item>
/// <item>Text System.Text.Json rejects but Json.NET reads (NaN, comments, single quotes, a number beyond
/// <see cref="decimal"/> that Json.NET refuses): we report one <c>json</c> violation, as Go's encoding/json would
/// refuse the text too; such texts are only checked for that violation.</item>
/// </list>
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    [Fact]
    public void Fixtures_BothValidatorsAgree() => AssertAgree(DifferentialCorpus.Fixtures(), minimum: 500);

    [Fact]
    public void BadInputPluginOutputs_BothValidatorsAgree() => AssertAgree(DifferentialCorpus.PluginOutputs(), minimum: 300);

    [Fact]
    public void BadInputConfigs_BothValidatorsAgree() => AssertAgree(DifferentialCorpus.Configs(), minimum: 500);

    [Fact]
    public void MutatedFixtures_BothValidatorsAgree() => AssertAgree(DifferentialCorpus.Mutations(), minimum: 5000);

    private void AssertAgree(IEnumerable<DifferentialCase> corpus, int minimum)
    {
        var cases = corpus.ToList();
        var disagreements = new List<string>();
        int invalid = 0, notStrict = 0, requiredDropped = 0;
        var oracleRefused = new List<DifferentialCase>();
        foreach (var c in cases)
        {
            var ours = SchemaValidator.Validate(c.Kind, c.Version, c.Json);
            if (ours.Count > 0)
            {
                invalid++;
            }

            if (!DifferentialCorpus.IsStrictJson(c.Json))
            {
                notStrict++;
                if (ours is not [{ Rule: "json" }])
                {
                    disagreements.Add($"{c}: not strict JSON, but we said {string.Join("; ", ours)}");
                }

                continue;
            }

            var oracle = NJsonSchemaOracle.Validate(SchemaCatalog.FilePath(c.Kind, c.Version), c.Json);
            if (oracle is null)
            {
                oracleRefused.Add(c);
                continue; // difference 2: Json.NET refuses a number System.Text.Json reads
            }

            var expected = WithoutRequiredOfNonObjects(oracle, c.Json);
            requiredDropped += oracle.Count - expected.Count;
            if (!ours.ToHashSet().SetEquals(expected))
            {
                disagreements.Add($"{c}:\n    ours:       {string.Join("; ", ours)}\n    NJsonSchema: {string.Join("; ", expected)}");
            }
        }

        output.WriteLine($"{cases.Count} documents, {invalid} invalid; {notStrict} not strict JSON (difference 2), " +
                         $"{oracleRefused.Count} refused by Json.NET only (difference 2: {string.Join(", ", oracleRefused.Select(c => c.Json).Distinct().Take(3))}), {requiredDropped} NJsonSchema 'required' findings below non-objects dropped (difference 1)");
        cases.Count.Should().BeGreaterThanOrEqualTo(minimum, "the corpus must not shrink unnoticed");
        invalid.Should().BeGreaterThan(0, "a corpus of only valid documents would not test the violations");
        disagreements.Should().BeEmpty($"{disagreements.Count} of {cases.Count} documents differ, e.g.\n" + string.Join("\n", disagreements.Take(15)));
    }

    // Difference 1: drop NJsonSchema's "required" findings below a value that is not an object.
    private static List<SchemaViolation> WithoutRequiredOfNonObjects(IReadOnlyList<SchemaViolation> oracle, string json)
    {
        var document = JsonNode.Parse(json);
        return [.. oracle.Where(v => v.Rule != "required" || Parent(document, v.Path) is JsonObject)];
    }

    private static JsonNode? Parent(JsonNode? document, string path)
    {
        // The missing key is the last segment: ".key" or "['key']".
        var cut = path.EndsWith("']", StringComparison.Ordinal) ? path.LastIndexOf("['", StringComparison.Ordinal) : Math.Max(path.LastIndexOf('.'), 0);
        var parentPath = path[..cut];
        return parentPath.Length == 0 ? document : Find(document, parentPath);
    }

    private static JsonNode? Find(JsonNode? root, string path)
    {
        foreach (var node in Walk(root, ""))
        {
            if (node.Path == path)
            {
                return node.Node;
            }
        }

        return null;
    }

    private static IEnumerable<(string Path, JsonNode? Node)> Walk(JsonNode? node, string path)
    {
        yield return (path, node);
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    foreach (var x in Walk(child, NewtonsoftPath(path, key)))
                    {
                        yield return x;
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var x in Walk(a[i], $"{path}[{i}]"))
                    {
                        yield return x;
                    }
                }

                break;
        }
    }

    private static string NewtonsoftPath(string path, string key) =>
        Newtonsoft.Json.Linq.JToken.Parse(JsonSerializer.Serialize(new Dictionary<string, int> { [key] = 0 })).First!.Path is var p
            ? p.StartsWith('[') ? path + p : path.Length == 0 ? p : $"{path}.{p}"
            : path;
}
