using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Errors;
using CniTest.Harness.Results.V020;
using CniTest.Harness.Results.V040;
using CniTest.Harness.Results.V100;

namespace CniTest.Harness.Results;

/// <summary>
/// Turns plugin output (or a cached or <c>prevResult</c> object) into the typed result of its own
/// <c>cniVersion</c> (R44, with libcni's R27 fix-up for a missing version).
/// </summary>
public static class ResultParser
{
    /// <inheritdoc cref="Parse(JsonNode?, string?)"/>
    public static ICniResult Parse(string json, string? requestVersion = null) =>
        Parse(Encoding.UTF8.GetBytes(json), requestVersion);

    /// <inheritdoc cref="Parse(JsonNode?, string?)"/>
    public static ICniResult Parse(ReadOnlySpan<byte> utf8, string? requestVersion = null)
    {
        JsonNode? node;
        try
        {
            StrictUtf8.ThrowIfInvalid(utf8);
            node = JsonNode.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw new ResultParseException($"failed to unmarshal raw result: {e.Message}", e);
        }

        return Parse(node, requestVersion);
    }

    /// <summary>
    /// Parses a result. A JSON <c>null</c> is an empty object. When <c>cniVersion</c> is absent, empty or not a
    /// string, <paramref name="requestVersion"/> is used (libcni's back-compat rule from cni#895, R27; an empty
    /// request version means 0.1.0), or 0.1.0 when there is none (R44). The family is chosen by exact version
    /// text; unknown keys are ignored.
    /// </summary>
    /// <exception cref="ResultParseException">Not a JSON object, an unsupported version, or a malformed member.</exception>
    public static ICniResult Parse(JsonNode? json, string? requestVersion = null)
    {
        var o = json switch
        {
            null => [],
            JsonObject obj => obj,
            _ => throw new ResultParseException(
                $"failed to unmarshal raw result: expected a JSON object, got {json.GetValueKind().ToString().ToLowerInvariant()}"),
        };

        var version = VersionText(o["cniVersion"])
            ?? (string.IsNullOrEmpty(requestVersion) ? "0.1.0" : requestVersion);
        if (!ResultFamilies.TryGetFamily(version, out var family))
        {
            throw new ResultParseException($"unsupported CNI result version \"{version}\"");
        }

        return family switch
        {
            ResultFamily.V020 => Result020.FromJson(o, version),
            ResultFamily.V040 => Result040.FromJson(o, version),
            _ => Result100.FromJson(o, version),
        };
    }

    /// <summary>The <c>cniVersion</c> value when it is a non-empty string, else null.</summary>
    internal static string? VersionText(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is { Length: > 0 } s ? s : null;
}
