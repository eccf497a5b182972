namespace CniTest.Bridge.Skel;

/// <summary>
/// The process environment as the host sees it, injectable so the host is testable without touching the real
/// environment (STYLE example 13: skel's dispatcher takes Getenv/Stdin/Stdout).
/// </summary>
internal sealed class PluginEnvironment(IReadOnlyDictionary<string, string> variables)
{
    /// <summary>The real process environment.</summary>
    public static PluginEnvironment FromProcess()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return new PluginEnvironment(variables);
    }

    /// <summary>Every variable, passed on to delegated plugins (SPEC §4: delegation keeps the environment).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; } = variables;

    /// <summary>The value, or "" when unset (an empty variable counts as missing, as in Go's skel).</summary>
    public string Get(string name) => Variables.TryGetValue(name, out var value) ? value : "";
}
