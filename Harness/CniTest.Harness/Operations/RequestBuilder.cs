using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Config;
using CniTest.Harness.Results;

namespace CniTest.Harness.Operations;

/// <summary>
/// Derives the stdin request for one plugin from the list (SPEC §3 "Deriving request configuration"; R22, R24).
/// Works on a clone of the plugin's JSON DOM, so key order and number text survive (R22 quirk avoided).
/// </summary>
internal static class RequestBuilder
{
    internal const string ValidAttachmentsKey = "cni.dev/valid-attachments";
    internal const string AttachmentsKey = "cni.dev/attachments";

    /// <summary>ADD, CHECK and DEL requests: name, cniVersion, runtimeConfig and prevResult injected.</summary>
    public static byte[] ForAttachment(NetworkConfigList list, PluginConfig plugin, RuntimeConf rt,
        ICniResult? prevResult, bool keepCapabilities)
    {
        var request = Base(list, plugin, keepCapabilities);
        var runtimeConfig = RuntimeConfigFor(plugin, rt);
        if (runtimeConfig is not null)
        {
            // R24: replaced, not merged, and only when a declared capability matched; otherwise a file-provided
            // runtimeConfig passes through untouched.
            request["runtimeConfig"] = runtimeConfig;
        }

        if (prevResult is not null)
        {
            request["prevResult"] = ConvertForList(prevResult, list.CniVersion);
        }

        return Encode(request);
    }

    /// <summary>GC request: both spellings of the attachment list when args are given (R34; cni#1101).</summary>
    public static byte[] ForGc(NetworkConfigList list, PluginConfig plugin, GcArgs? args, bool keepCapabilities)
    {
        var request = Base(list, plugin, keepCapabilities);
        if (args is not null)
        {
            JsonNode Attachments() => new JsonArray(args.ValidAttachments
                .Select(a => (JsonNode)new JsonObject { ["containerID"] = a.ContainerId, ["ifname"] = a.IfName })
                .ToArray());
            request[ValidAttachmentsKey] = Attachments();
            request[AttachmentsKey] = Attachments();
        }

        return Encode(request);
    }

    /// <summary>STATUS request: the plugin object with name and cniVersion, nothing else (R35).</summary>
    public static byte[] ForStatus(NetworkConfigList list, PluginConfig plugin, bool keepCapabilities) =>
        Encode(Base(list, plugin, keepCapabilities));

    private static JsonObject Base(NetworkConfigList list, PluginConfig plugin, bool keepCapabilities)
    {
        var request = (JsonObject)plugin.Raw.DeepClone();
        request["cniVersion"] = list.CniVersion;
        request["name"] = list.Name;
        if (!keepCapabilities)
        {
            request.Remove("capabilities"); // SPEC 1.1: "must not be set" (libcni keeps it, checklist §5.3)
        }

        return request;
    }

    private static JsonObject? RuntimeConfigFor(PluginConfig plugin, RuntimeConf rt)
    {
        JsonObject? rc = null;
        foreach (var cap in plugin.EnabledCapabilities)
        {
            if (rt.CapabilityArgs.TryGetValue(cap, out var value))
            {
                rc ??= new JsonObject();
                rc[cap] = value?.DeepClone();
            }
        }

        return rc;
    }

    // Checklist §5.6: libcni forwards a result in whatever version the plugin returned, and skel plugins then
    // reject a prevResult from another family (P22, cni#862). We convert to the list version first; when the
    // spec allows no conversion the plugin gets the result as returned, as libcni would send it.
    private static JsonObject ConvertForList(ICniResult result, string listVersion)
    {
        try
        {
            return result.ConvertTo(string.IsNullOrEmpty(listVersion) ? "0.1.0" : listVersion).ToJson();
        }
        catch (ResultConversionException)
        {
            return result.ToJson();
        }
    }

    private static byte[] Encode(JsonObject o) => Encoding.UTF8.GetBytes(o.ToJsonString());
}
