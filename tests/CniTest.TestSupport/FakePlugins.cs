using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace CniTest.TestSupport;

/// <summary>
/// A private directory of scriptable fake plugins (fixtures/FakePlugin): each plugin is a small shell wrapper
/// named after its <c>type</c> that runs the fake with its own script file, so it can sit on <c>CNI_PATH</c>
/// exactly like a real binary. Deleted on dispose.
/// </summary>
public sealed class FakePluginDirectory : IDisposable
{
    public FakePluginDirectory()
    {
        Path = Directory.CreateTempSubdirectory("cnitest-fake-").FullName;
    }

    public string Path { get; }

    /// <summary>Installs plugin <paramref name="type"/> driven by <paramref name="script"/>; returns its path.</summary>
    public string Add(string type, JsonObject script)
    {
        var scriptPath = System.IO.Path.Combine(Path, type + ".script.json");
        File.WriteAllText(scriptPath, script.ToJsonString());
        var plugin = System.IO.Path.Combine(Path, type);
        File.WriteAllText(plugin,
            $"#!/bin/sh\nexec '{FakePluginBinary.Dotnet}' '{FakePluginBinary.Dll}' --script '{scriptPath}'\n");
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                     UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return plugin;
    }

    /// <summary>Where plugin <paramref name="type"/> logs its calls when its script has <c>"log": LogPath(type)</c>.</summary>
    public string LogPath(string type) => System.IO.Path.Combine(Path, type + ".log");

    /// <summary>The calls a plugin logged, oldest first.</summary>
    public IReadOnlyList<JsonObject> Calls(string type) =>
        File.Exists(LogPath(type))
            ? File.ReadAllLines(LogPath(type)).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList()
            : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A plugin child may still hold a file for a moment; the temp dir is private, so leaving it is harmless.
        }
    }
}

/// <summary>Locates the built fake plugin (copied next to the test assembly by the project reference).</summary>
public static class FakePluginBinary
{
    public static string Dll { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "fake-plugin.dll");

    /// <summary>The dotnet host that runs this process's runtime (its root is three levels above the runtime dir).</summary>
    public static string Dotnet { get; } = FindDotnet();

    private static string FindDotnet()
    {
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = System.IO.Path.Combine(root, "dotnet");
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
