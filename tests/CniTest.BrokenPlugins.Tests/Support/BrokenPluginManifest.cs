using System.Text.Json;
using System.Text.Json.Serialization;

namespace CniTest.BrokenPlugins.Tests.Support;

/// <summary>One entry of fixtures/broken-plugins/manifest.json (see the README there for each key).</summary>
public sealed record BrokenPlugin(
    [property: JsonPropertyName("plugin")] string Plugin,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("reference")] string Reference,
    [property: JsonPropertyName("defect")] string Defect,
    [property: JsonPropertyName("checklistId")] string ChecklistId,
    [property: JsonPropertyName("bug")] string? Bug,
    [property: JsonPropertyName("expectedCheck")] string ExpectedCheck,
    [property: JsonPropertyName("strict")] bool Strict = false)
{
    /// <summary>The fixture's path in the repository.</summary>
    public string Path => Repo.BrokenPlugin(Plugin);

    /// <summary>The Debian reference plugin that must not show the defect.</summary>
    public string ReferencePath => System.IO.Path.Combine(Privileges.ReferencePluginDir, Reference);
}

/// <summary>Reads the broken-plugin manifest.</summary>
public static class BrokenPluginManifest
{
    public static string FilePath => Path.Combine(Repo.BrokenPluginDir, "manifest.json");

    public static IReadOnlyList<BrokenPlugin> Load() =>
        JsonSerializer.Deserialize<List<BrokenPlugin>>(File.ReadAllText(FilePath))
        ?? throw new InvalidDataException($"{FilePath} is not a JSON array");

    public static BrokenPlugin Get(string plugin) => Load().Single(p => p.Plugin == plugin);
}
