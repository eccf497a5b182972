namespace CniTest.Harness.Config;

/// <summary>
/// A network configuration list (checklist §3.1; R5), the unit every operation works on. A single-plugin
/// <c>.conf</c> is turned into a one-plugin list on load (R4).
/// </summary>
public sealed class NetworkConfigList
{
    /// <summary>The network name (not regex-validated at parse time; ADD validates it, R13).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The version in use: the highest supported entry of <c>cniVersion</c> ∪ <c>cniVersions</c> (R5, R15),
    /// or <c>cniVersion</c> verbatim when there is no <c>cniVersions</c>. May be "" (meaning 0.1.0).
    /// </summary>
    public required string CniVersion { get; init; }

    /// <summary>The <c>cniVersions</c> array as written (1.1), empty when absent.</summary>
    public IReadOnlyList<string> CniVersions { get; init; } = [];

    /// <summary>The runtime must not call CHECK for this network (R33); the version gate still comes first (R16).</summary>
    public bool DisableCheck { get; init; }

    /// <summary>1.1 (post-tag): the runtime must not GC this network (R34).</summary>
    public bool DisableGC { get; init; }

    /// <summary>1.1 (post-tag): when false, plugins from the sibling folder are appended (R7).</summary>
    public bool LoadOnlyInlinedPlugins { get; init; }

    /// <summary>Inline plugins first, then sibling-folder ones (R7).</summary>
    public required IReadOnlyList<PluginConfig> Plugins { get; init; }

    /// <summary>The main file's bytes as read: this is what the result cache stores (R8, R37).</summary>
    public required byte[] Bytes { get; init; }

    /// <summary>The file the list came from, when it came from one.</summary>
    public string? SourcePath { get; init; }

    /// <summary>
    /// The same list with other plugins (a part of the chain): for a caller that runs one plugin of a network the
    /// way the whole list would run it, e.g. a conformance check that sends CHECK to the plugin under test alone.
    /// </summary>
    public NetworkConfigList WithPlugins(IReadOnlyList<PluginConfig> plugins) => new()
    {
        Name = Name,
        CniVersion = CniVersion,
        CniVersions = CniVersions,
        DisableCheck = DisableCheck,
        DisableGC = DisableGC,
        LoadOnlyInlinedPlugins = LoadOnlyInlinedPlugins,
        Plugins = plugins,
        Bytes = Bytes,
        SourcePath = SourcePath,
    };
}
