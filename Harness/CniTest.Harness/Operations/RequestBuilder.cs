using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Config;
using CniTest.Harness.Results;

namespace CniTest.Harness.Operations;

/// <summary>
/// Derives the stdin request for one plugin from the list (SPEC §3 "Deriving request configuration"; R22, R24).
/// Works on a clone of the plugin's JSON DOM, so key order and number text survive (R22 quirk avoided).
/// The one place requests are built: <see cref="CniRuntime"/> uses it for every operation and exposes it through
/// <see cref="CniRuntime.BuildRequest"/>.
/// </summary>
internal static class RequestBuilder
{
    internal const string ValidAttachmentsKey = "cni.dev/valid-attachments";
    internal const string AttachmentsKey = "cni.dev/attachments";

    /// <summary>ADD, CHECK and DEL requests: name, cniVersion, runtimeConfig and prevResult injected.</summary>
    public static JsonObject ForAttachment(NetworkConfigList list, PluginConfig plugin, string version, RuntimeConf rt,
        ICniResult? prevResult, bool keepCapabilities)
    {
        var request = Base(list, plugin, version, keepCapabilities);
        var runtimeConfig = RuntimeConfigFor(plugin, rt);
        if (runtimeConfig is not null)
        {
            // R24: replaced, not merged, and only when a declared capability matched; otherwise a file-provided
            // runtimeConfig passes through untouched.
            request["runtimeConfig"] = runtimeConfig;
        }

        if (prevResult is not null)
        {
            request["prevResult"] = ConvertFor(prevResult, version);
        }

        return request;
    }

    /// <summary>GC request: the attachment list under the chosen keys, both by default (R34; cni#1101).</summary>
    public static JsonObject ForGc(NetworkConfigList list, PluginConfig plugin, string version, GcArgs? args, bool keepCapabilities)
    {
        var request = Base(list, plugin, version, keepCapabilities);
        if (args is not null)
        {
            JsonNode Attachments() => new JsonArray(args.ValidAttachments
                .Select(a => (JsonNode)new JsonObject { ["containerID"] = a.ContainerId, ["ifname"] = a.IfName })
                .ToArray());
            if (args.Keys != GcListKeys.AttachmentsOnly)
            {
                request[ValidAttachmentsKey] = Attachments();
            }

            if (args.Keys != GcListKeys.ValidAttachmentsOnly)
            {
                request[AttachmentsKey] = Attachments();
            }
        }

        return request;
    }

    /// <summary>STATUS request: the plugin object with name and cniVersion, nothing else (R35).</summary>
    public static JsonObject ForStatus(NetworkConfigList list, PluginConfig plugin, string version, bool keepCapabilities) =>
        Base(list, plugin, version, keepCapabilities);

    /// <summary>The request as the bytes written to the plugin's stdin.</summary>
    public static byte[] Encode(JsonObject o) => Encoding.UTF8.GetBytes(o.ToJsonString());

    private static JsonObject Base(NetworkConfigList list, PluginConfig plugin, string version, bool keepCapabilities)
    {
        var request = (JsonObject)plugin.Raw.DeepClone();
        request["cniVersion"] = version;
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
    // reject a prevResult from another family (P22, cni#862). We convert to the version the plugin is sent first;
    // when the spec allows no conversion the plugin gets the result as returned, as libcni would send it.
    private static JsonObject ConvertFor(ICniResult result, string version)
    {
        try
        {
            return result.ConvertTo(string.IsNullOrEmpty(version) ? "0.1.0" : version).ToJson();
        }
        catch (ResultConversionException)
        {
            return result.ToJson();
        }
    }
}
