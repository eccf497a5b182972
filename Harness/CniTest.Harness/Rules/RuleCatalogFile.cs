using System.Text.Json.Serialization;

namespace CniTest.Harness.Rules;

/// <summary>The top level of <c>schemas/rules/cni-rules.json</c>, as read by <see cref="RuleCatalog.Parse"/>.</summary>
internal sealed record RuleCatalogFile
{
    [JsonPropertyName("repositories")]
    public Dictionary<string, string> Repositories { get; init; } = [];

    [JsonPropertyName("rules")]
    public List<CniRule> Rules { get; init; } = [];
}

/// <summary>Source-generated System.Text.Json metadata for the catalogue (no reflection at load time).</summary>
[JsonSourceGenerationOptions(RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(RuleCatalogFile))]
internal sealed partial class RuleCatalogJsonContext : JsonSerializerContext;
