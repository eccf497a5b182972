using CniTest.Harness.Errors;

namespace CniTest.Harness.Config;

/// <summary>
/// The 1.1 sibling plugin folder (R7, §5.26): plugins in <c>&lt;dir of the conflist&gt;/&lt;network name&gt;/*.conf</c>
/// are appended after the inline ones unless <c>loadOnlyInlinedPlugins</c> is true. Only file loading does this.
/// </summary>
internal static class SiblingPlugins
{
    /// <summary>Returns <paramref name="list"/> with the folder's plugins appended; fails when none remain.</summary>
    public static NetworkConfigList Append(NetworkConfigList list, string listPath)
    {
        var extra = list.LoadOnlyInlinedPlugins ? [] : Load(Path.GetDirectoryName(listPath) ?? "", list.Name);
        if (list.Plugins.Count + extra.Count == 0)
        {
            throw new ConfigException("no plugin configs found", listPath);
        }

        return extra.Count == 0 ? list : new NetworkConfigList
        {
            Name = list.Name,
            CniVersion = list.CniVersion,
            CniVersions = list.CniVersions,
            DisableCheck = list.DisableCheck,
            DisableGC = list.DisableGC,
            LoadOnlyInlinedPlugins = list.LoadOnlyInlinedPlugins,
            Plugins = [.. list.Plugins, .. extra],
            Bytes = list.Bytes, // R8: the cache keeps only the main file's bytes
            SourcePath = list.SourcePath,
        };
    }

    private static IReadOnlyList<PluginConfig> Load(string dir, string networkName)
    {
        // Names are not validated at load time (R13). libcni joins the name as-is, so "" would read the conflist's
        // own folder and "../x" a folder elsewhere; a name that is not one plain path segment has no folder here.
        // Such a name fails R9 at ADD anyway.
        if (networkName is "" or "." or ".." || networkName.IndexOfAny(['/', '\\', '\0']) >= 0)
        {
            return [];
        }

        // Any unreadable or invalid file aborts the whole load (R7; the spec's "valid" objects wording is not
        // what libcni does).
        return ConfigDirectory.Files(Path.Join(dir, networkName), ".conf")
            .Select(file => ConfigParser.ParsePlugin(ConfigDirectory.Read(file), file))
            .ToList();
    }
}
