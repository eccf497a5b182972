using System.Text.Json.Nodes;
using CniTest.PluginSdk.Json;

namespace CniTest.Bridge.Config;

/// <summary>One (container ID, interface name) pair from the GC list.</summary>
internal readonly record struct Attachment(string ContainerId, string IfName);

/// <summary>
/// The attachments GC must keep: <c>cni.dev/valid-attachments</c> (the newer key) or <c>cni.dev/attachments</c>
/// (the key tagged in spec 1.1.0); both are merged. An empty list, JSON null and an absent key all mean "none"
/// (P42: libcni sends null for an empty Go slice, cnitool sends no key).
/// </summary>
internal static class Attachments
{
    public static HashSet<Attachment> ReadValid(JsonObject config)
    {
        var valid = new HashSet<Attachment>();
        foreach (var key in (string[])["cni.dev/valid-attachments", "cni.dev/attachments"])
        {
            var array = ConfigReader.Array(config, key, key);
            if (array is null)
            {
                continue;
            }

            for (var i = 0; i < array.Count; i++)
            {
                var path = $"{key}[{i}]";
                var item = array[i] as JsonObject ?? throw ConfigReader.Invalid(path, array[i], "an object");
                valid.Add(new Attachment(
                    ConfigReader.String(item, "containerID", path + ".containerID") ?? "",
                    ConfigReader.String(item, "ifname", path + ".ifname") ?? ""));
            }
        }

        return valid;
    }
}
