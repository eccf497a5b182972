namespace CniTest.Harness.Errors;

/// <summary>
/// Base of every failure the runtime raises itself (config not found, plugin not on CNI_PATH, bad cache…).
/// Errors reported by a plugin are <see cref="Invocation.PluginErrorException"/>, a subclass, so callers can catch
/// either family (STYLE example 6).
/// </summary>
public class CniHarnessException : Exception
{
    /// <summary>A failure described by <paramref name="message"/>, one line in libcni's wording where it has one.</summary>
    public CniHarnessException(string message) : base(message) { }

    /// <summary>A failure caused by <paramref name="inner"/> (an I/O or JSON error, say).</summary>
    public CniHarnessException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>A network configuration file or value is invalid.</summary>
public sealed class ConfigException : CniHarnessException
{
    /// <summary>The message is prefixed with <paramref name="path"/>, when given, as <c>path: message</c>.</summary>
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
    /// <summary>The <c>type</c> that was looked up.</summary>
    public string PluginType { get; } = pluginType;

    /// <summary>The directories searched, in order (the runtime's CNI_PATH).</summary>
    public IReadOnlyList<string> SearchPath { get; } = searchPath;
}
