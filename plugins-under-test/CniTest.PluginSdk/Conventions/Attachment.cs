using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.PluginSdk.Errors;

namespace CniTest.PluginSdk.Conventions;

/// <summary>An attachment: the pair (<c>CNI_CONTAINERID</c>, <c>CNI_IFNAME</c>) (SPEC 1.0 §3).</summary>
public readonly record struct Attachment(string ContainerId, string IfName);

/// <summary>Reads the GC request's list of valid attachments (checklist §3.3, P42).</summary>
public static class Attachments
{
    /// <summary>The key of the post-tag 1.1.0 text (cni#1101).</summary>
    public const string ValidKey = "cni.dev/valid-attachments";

    /// <summary>The key of the tagged 1.1.0 text; libcni sends both.</summary>
    public const string LegacyKey = "cni.dev/attachments";

    /// <summary>
    /// Reads <see cref="ValidKey"/>, falling back to <see cref="LegacyKey"/>. An absent key, JSON <c>null</c> (what
    /// libcni sends for an empty Go slice) and <c>[]</c> all mean "no valid attachments" (P42). Entries are
    /// <c>{"containerID", "ifname"}</c>; anything else is a decoding error (code 6).
    /// </summary>
    public static IReadOnlyList<Attachment> ReadValid(JsonObject config)
    {
        var node = config[ValidKey] ?? config[LegacyKey];
        var key = config[ValidKey] is null ? LegacyKey : ValidKey;
        if (node is null)
            return [];
        if (node is not JsonArray array)
            throw Invalid(key, node);
        var list = new List<Attachment>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item
                || !TryString(item["containerID"], out var id)
                || !TryString(item["ifname"], out var ifname))
            {
                throw Invalid($"{key}[{i}]", array[i]);
            }
            list.Add(new Attachment(id, ifname));
        }
        return list;
    }

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node?.GetValueKind() != JsonValueKind.String)
            return false;
        value = node.GetValue<string>();
        return true;
    }

    private static CniPluginException Invalid(string path, JsonNode? node) =>
        new(CniErrorCodes.DecodingFailure,
            $"invalid value for \"{path}\": {node?.ToJsonString() ?? "null"} is not a list of {{\"containerID\", \"ifname\"}} objects");
}
