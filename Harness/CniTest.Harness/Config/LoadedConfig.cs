using CniTest.Harness.Errors;

namespace CniTest.Harness.Config;

/// <summary>
/// The outcome of loading one configuration file on its own (<see cref="ConfigLoader.LoadAll"/>): exactly one of
/// <see cref="List"/> and <see cref="Error"/> is set.
/// </summary>
public sealed record LoadedConfig(string Path, NetworkConfigList? List, ConfigException? Error)
{
    public bool IsValid => Error is null;
}
