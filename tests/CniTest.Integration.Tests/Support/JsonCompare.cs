using System.Text.Json.Nodes;

namespace CniTest.Integration.Tests.Support;

/// <summary>Semantic result comparison: an empty "dns":{} and key order do not matter (checklist §5.15).</summary>
public static class JsonCompare
{
    public static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (k == "dns" && v is JsonObject { Count: 0 })
                    {
                        continue;
                    }

                    copy[k] = Normalize(v);
                }

                return copy;
            case JsonArray a:
                return new JsonArray(a.Select(Normalize).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    public static bool SemanticallyEqual(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(Normalize(a), Normalize(b));
}
