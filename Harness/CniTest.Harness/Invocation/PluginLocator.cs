using CniTest.Harness.Errors;

namespace CniTest.Harness.Invocation;

/// <summary>Finds a plugin binary on CNI_PATH (checklist R19; Go's <c>invoke.FindInPath</c>).</summary>
public static class PluginLocator
{
    /// <summary>
    /// Returns the first <c>dir/type</c> that is a regular file (symlinks followed), searching the directories in
    /// order. Like libcni, the executable bit is not checked here: a non-executable file is found and then fails
    /// at exec with a clear message (checklist §5.19).
    /// </summary>
    public static string Find(string pluginType, IReadOnlyList<string> searchPath)
    {
        ValidateType(pluginType);
        if (searchPath.Count == 0)
        {
            throw new PluginNotFoundException(pluginType, searchPath);
        }

        foreach (var dir in searchPath)
        {
            if (string.IsNullOrEmpty(dir))
            {
                continue;
            }

            var candidate = Path.Combine(dir, pluginType);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new PluginNotFoundException(pluginType, searchPath);
    }

    /// <summary>True when the plugin can be found; never throws.</summary>
    public static bool TryFind(string pluginType, IReadOnlyList<string> searchPath, out string? path)
    {
        try
        {
            path = Find(pluginType, searchPath);
            return true;
        }
        catch (CniHarnessException)
        {
            path = null;
            return false;
        }
    }

    /// <summary>Splits a CNI_PATH-style value on the OS list separator, dropping empty entries.</summary>
    public static IReadOnlyList<string> SplitPath(string? value) =>
        string.IsNullOrEmpty(value)
            ? []
            : value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

    // R12: the spec forbids path separators in a type. Go rejects only the OS separator; we reject both so a
    // config written on one OS cannot escape CNI_PATH on another.
    private static void ValidateType(string pluginType)
    {
        if (string.IsNullOrEmpty(pluginType))
        {
            throw new CniHarnessException("no plugin name provided");
        }

        if (pluginType.Contains('/') || pluginType.Contains('\\'))
        {
            throw new CniHarnessException($"invalid plugin name \"{pluginType}\": must not contain a path separator");
        }
    }
}
