using CniTest.Harness.Errors;

namespace CniTest.Harness.Config;

/// <summary>
/// Finds and loads network configuration files from a directory the way libcni does (<c>LoadNetworkConf</c>,
/// <c>NetworkConfFromFile</c>, <c>LoadConf</c>; R2, R3, R7). Discovery is libcni behaviour, not spec (R1).
/// </summary>
public static class ConfigLoader
{
    private const string ListExtension = ".conflist";
    private static readonly string[] SingleExtensions = [".conf", ".json"];
    private static readonly string[] AllExtensions = [".conf", ListExtension, ".json"];

    /// <summary>
    /// Loads one file by extension: <c>.conflist</c> as a list plus its sibling plugin folder (R7),
    /// <c>.conf</c>/<c>.json</c> as a legacy single plugin wrapped in a list (R3, R4).
    /// </summary>
    /// <exception cref="ConfigException">Unreadable, invalid, or an unknown extension.</exception>
    public static NetworkConfigList LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        if (extension == ListExtension)
        {
            var list = ConfigParser.ParseList(ConfigDirectory.Read(path), path);
            return SiblingPlugins.Append(list, path);
        }

        return SingleExtensions.Contains(extension, StringComparer.Ordinal)
            ? ConfigParser.FromSingleConf(ConfigDirectory.Read(path), path)
            : throw new ConfigException(
                $"unsupported file extension \"{extension}\" (expected .conflist, .conf or .json)", path);
    }

    /// <summary>
    /// Finds the network called <paramref name="name"/> in <paramref name="dir"/> (R2): first <c>.conflist</c>
    /// files in sorted order, then legacy <c>.conf</c>/<c>.json</c> files (R3). The first match wins.
    /// </summary>
    /// <exception cref="ConfigException">A file sorting before the match is broken (R2 quirk, §5.25).</exception>
    /// <exception cref="NetworkNotFoundException">No file defines the network, or there are no config files.</exception>
    public static NetworkConfigList LoadByName(string dir, string name)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(name);

        // Every candidate is fully loaded before its name is compared, and the first failure ends the lookup:
        // a broken 00-x.conflist hides every network after it. That is a libcni quirk (R2, §5.25); we keep it so
        // the harness finds exactly what a libcni runtime would.
        var lists = ConfigDirectory.Files(dir, ListExtension);
        foreach (var file in lists)
        {
            var list = LoadFile(file);
            if (list.Name == name)
            {
                return list;
            }
        }

        var singles = ConfigDirectory.Files(dir, SingleExtensions);
        foreach (var file in singles)
        {
            var list = ConfigParser.FromSingleConf(ConfigDirectory.Read(file), file);
            if (list.Name == name)
            {
                return list;
            }
        }

        // libcni reports "no configs" only when the directory holds neither kind of file.
        throw lists.Count + singles.Count == 0
            ? new NetworkNotFoundException($"no net configurations found in {dir}")
            : new NetworkNotFoundException($"no net configuration with name \"{name}\" in {dir}");
    }

    /// <summary>
    /// The <c>.conf</c>, <c>.conflist</c> and <c>.json</c> files directly in <paramref name="dir"/>, sorted
    /// ordinally; empty when the directory does not exist.
    /// </summary>
    public static IReadOnlyList<string> ListConfigFiles(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        return ConfigDirectory.Files(dir, AllExtensions);
    }

    /// <summary>
    /// Loads every file of <see cref="ListConfigFiles"/> on its own, for validation: unlike
    /// <see cref="LoadByName"/>, a broken file is reported and the rest are still loaded.
    /// </summary>
    public static IReadOnlyList<LoadedConfig> LoadAll(string dir)
    {
        var results = new List<LoadedConfig>();
        foreach (var file in ListConfigFiles(dir))
        {
            try
            {
                results.Add(new LoadedConfig(file, LoadFile(file), null));
            }
            catch (ConfigException e)
            {
                results.Add(new LoadedConfig(file, null, e));
            }
        }

        return results;
    }
}
