using System.Text.Json;
using System.Text.Json.Nodes;

namespace CniTest.Harness.Contract;

/// <summary>What a plugin printed on stdout, read as a sequence of JSON documents (cni#571: a second one).</summary>
internal sealed record StdoutDocuments(IReadOnlyList<JsonNode?> Documents, string? Error)
{
    public bool IsBlank => Documents.Count == 0 && Error is null;

    /// <summary>The document when stdout is exactly one JSON document, else null.</summary>
    public JsonNode? Single => Error is null && Documents.Count == 1 ? Documents[0] : null;

    public bool IsSingle => Error is null && Documents.Count == 1;

    public static StdoutDocuments Parse(byte[] stdout)
    {
        var documents = new List<JsonNode?>();
        try
        {
            var reader = new Utf8JsonReader(stdout, new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                documents.Add(JsonNode.Parse(ref reader));
            }

            return new StdoutDocuments(documents, null);
        }
        catch (JsonException e)
        {
            return new StdoutDocuments(documents, e.Message);
        }
    }

    /// <summary>A short description for messages: "empty", "not JSON (…)", "2 JSON documents".</summary>
    public string Describe() =>
        Error is not null ? $"not JSON ({Error})"
        : Documents.Count == 0 ? "empty"
        : Documents.Count == 1 ? "one JSON document"
        : $"{Documents.Count} JSON documents";
}
