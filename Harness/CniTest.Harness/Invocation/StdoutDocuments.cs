using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Errors;

namespace CniTest.Harness.Invocation;

/// <summary>
/// What a plugin printed on stdout, read as a sequence of JSON documents. The one parser of plugin stdout: the
/// runtime reads the first document (<see cref="First"/>), the output contract judges them all (cni#571: a second
/// document after the result).
/// </summary>
/// <param name="Documents">
/// The documents read, in order, up to the first that did not parse. Only the first <see cref="KeptDocuments"/> are
/// kept; later ones are counted as null entries, so a plugin printing millions of tiny documents costs a pointer each
/// instead of a tree each (a 20 MB stdout of <c>{"code":7}</c> took 600 MB).
/// </param>
/// <param name="Error">Why reading stopped early (not JSON); null when stdout was read to its end.</param>
public sealed record StdoutDocuments(IReadOnlyList<JsonNode?> Documents, string? Error)
{
    /// <summary>True when stdout held nothing but white space.</summary>
    public bool IsBlank => Documents.Count == 0 && Error is null;

    /// <summary>The document when stdout is exactly one JSON document, else null.</summary>
    public JsonNode? Single => Error is null && Documents.Count == 1 ? Documents[0] : null;

    /// <summary>True when stdout is exactly one JSON document.</summary>
    public bool IsSingle => Error is null && Documents.Count == 1;

    /// <summary>How many documents are kept as trees; every judgement needs at most the first two.</summary>
    public const int KeptDocuments = 2;

    /// <summary>Reads every document of <paramref name="stdout"/>.</summary>
    public static StdoutDocuments Parse(byte[] stdout)
    {
        var documents = new List<JsonNode?>();
        try
        {
            StrictUtf8.ThrowIfInvalid(stdout);
            var reader = new Utf8JsonReader(stdout, new JsonReaderOptions { AllowMultipleValues = true });
            while (reader.Read())
            {
                if (documents.Count < KeptDocuments)
                {
                    documents.Add(JsonNode.Parse(ref reader));
                }
                else
                {
                    reader.Skip();
                    documents.Add(null);
                }
            }

            return new StdoutDocuments(documents, null);
        }
        catch (JsonException e)
        {
            return new StdoutDocuments(documents, e.Message);
        }
    }

    /// <summary>
    /// The first JSON document on stdout, or null when there is none or it does not parse. Whatever follows it is
    /// the output contract's business (cni#571), not a reason for the runtime to lose the plugin's answer.
    /// </summary>
    public static JsonNode? First(byte[] stdout)
    {
        try
        {
            StrictUtf8.ThrowIfInvalid(stdout);
            var reader = new Utf8JsonReader(stdout, new JsonReaderOptions { AllowMultipleValues = true });
            return JsonNode.Parse(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A short description for messages: "empty", "not JSON (…)", "2 JSON documents".</summary>
    public string Describe() =>
        Error is not null ? $"not JSON ({Error})"
        : Documents.Count == 0 ? "empty"
        : Documents.Count == 1 ? "one JSON document"
        : $"{Documents.Count} JSON documents";
}
