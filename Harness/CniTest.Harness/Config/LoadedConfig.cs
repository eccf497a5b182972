using CniTest.Harness.Errors;

namespace CniTest.Harness.Config;

/// <summary>
/// The outcome of loading one configuration file on its own (<see cref="ConfigLoader.LoadAll"/>): exactly one of
/// <see cref="List"/> and <see cref="Error"/> is set.
/// </summary>
/// <param name="Path">The file that was loaded.</param>
/// <param name="List">The list it holds (a <c>.conf</c> already turned into a one-plugin list, R4), when it loaded.</param>
/// <param name="Error">Why it did not load, when it did not.</param>
public sealed record LoadedConfig(string Path, NetworkConfigList? List, ConfigException? Error)
{
    /// <summary>True when the file loaded (<see cref="List"/> is set).</summary>
    public bool IsValid => Error is null;
}
