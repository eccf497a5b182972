using System.Text.Json.Nodes;

namespace CniTest.Harness.Config;

/// <summary>
/// One plugin object of a network configuration list (checklist §3.2; R6). <see cref="Raw"/> is the object as
/// written (key order and number text preserved, R22 recommendation); the typed properties are views of it.
/// </summary>
public sealed class PluginConfig
{
    /// <summary>Wraps a parsed plugin object; it is not copied, so the caller hands it over.</summary>
    public PluginConfig(JsonObject raw, string? sourcePath = null)
    {
        Raw = raw;
        SourcePath = sourcePath;
    }

    /// <summary>The plugin object exactly as loaded. Treat as read-only; requests are built on a deep clone.</summary>
    public JsonObject Raw { get; }

    /// <summary>The file the object came from (a conflist, or a sibling-folder <c>.conf</c>, R7).</summary>
    public string? SourcePath { get; }

    /// <summary>The binary name looked up on CNI_PATH.</summary>
    public string Type => Raw["type"]?.GetValue<string>() ?? "";

    /// <summary>The object's own <c>name</c>, if any (used only in error text, R30).</summary>
    public string? Name => Raw["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The <c>ipam.type</c>, if any.</summary>
    public string? IpamType =>
        Raw["ipam"] is JsonObject ipam && ipam["type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Capabilities declared <c>true</c> (entries set to false are ignored, R24).</summary>
    public IReadOnlyList<string> EnabledCapabilities =>
        Raw["capabilities"] is JsonObject caps
            ? caps.Where(c => c.Value is JsonValue v && v.TryGetValue<bool>(out var b) && b).Select(c => c.Key).ToList()
            : [];
}
