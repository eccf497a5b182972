namespace CniTest.Harness.Errors;

/// <summary>
/// Base of every failure the runtime raises itself (config not found, plugin not on CNI_PATH, bad cache…).
/// Errors reported by a plugin are <see cref="PluginErrorException"/>, a subclass, so callers can catch
/// either family (STYLE example 6).
/// </summary>
public class CniHarnessException : Exception
{
    public CniHarnessException(string message) : base(message) { }
    public CniHarnessException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>A network configuration file or value is invalid.</summary>
public sealed class ConfigException : CniHarnessException
{
    public ConfigException(string message, string? path = null, Exception? inner = null)
        : base(path is null ? message : $"{path}: {message}", inner) => Path = path;

    /// <summary>The file the problem is in, when there is one.</summary>
    public string? Path { get; }
}

/// <summary>No network with the requested name (R2 <c>NotFoundError</c>, or <c>NoConfigsFoundError</c>).</summary>
public sealed class NetworkNotFoundException(string message) : CniHarnessException(message);

/// <summary>A plugin binary is not on CNI_PATH (R19).</summary>
public sealed class PluginNotFoundException(string pluginType, IReadOnlyList<string> searchPath)
    : CniHarnessException(searchPath.Count == 0
        ? $"no paths provided to find plugin \"{pluginType}\""
        : $"failed to find plugin \"{pluginType}\" in path [{string.Join(" ", searchPath)}]")
{
    public string PluginType { get; } = pluginType;
    public IReadOnlyList<string> SearchPath { get; } = searchPath;
}
