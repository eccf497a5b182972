using System.Text.Json.Nodes;

namespace CniTest.Scenarios.Configs;

/// <summary>One plugin of the network the suite attaches with.</summary>
/// <param name="Type">The plugin's <c>type</c> (for the subject in the IPAM role: its <c>ipam.type</c>).</param>
/// <param name="BinaryPath">The executable that is run.</param>
/// <param name="Config">The plugin's configuration object, without <c>name</c> and <c>cniVersion</c>.</param>
/// <param name="IsSubject">True for the plugin under test.</param>
public sealed record ChainMember(string Type, string BinaryPath, JsonObject Config, bool IsSubject)
{
    /// <summary>The capabilities the member declares as true (CONVENTIONS "capabilities"; R24).</summary>
    public IReadOnlyList<string> Capabilities =>
        Config["capabilities"] is JsonObject caps
            ? [.. caps.Where(c => c.Value is JsonValue v && v.TryGetValue<bool>(out var b) && b).Select(c => c.Key)]
            : [];
}
