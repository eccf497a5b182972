using CniTest.PluginSdk.Errors;

namespace CniTest.PluginSdk.Conventions;

/// <summary>
/// <c>CNI_ARGS</c> parsed with Go's <c>types.LoadArgs</c> rules (P49, checklist R25): pairs split on <c>;</c>, each
/// must split on <c>=</c> into exactly two parts (<c>K=</c> is fine; <c>K=a=b</c>, <c>K</c> and a trailing <c>;</c>
/// are errors); keys are case-sensitive; a key the plugin does not know is an error unless <c>IgnoreUnknown</c> is
/// <c>1</c>/<c>true</c> (any case). Errors use code 4: <c>CNI_ARGS</c> is an invalid environment variable.
/// </summary>
public sealed class CniArgs
{
    /// <summary>The key that turns unknown keys from an error into something ignored.</summary>
    public const string IgnoreUnknownKey = "IgnoreUnknown";

    private readonly Dictionary<string, string> _values;

    private CniArgs(Dictionary<string, string> values) => _values = values;

    /// <summary>No arguments.</summary>
    public static CniArgs Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>Known keys that were given, with their values (unknown keys are dropped).</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The value of <paramref name="key"/>, or null when not given.</summary>
    public string? this[string key] => _values.GetValueOrDefault(key);

    /// <summary>Parses <paramref name="text"/>; <paramref name="knownKeys"/> are the keys this plugin understands.</summary>
    public static CniArgs Parse(string? text, IReadOnlyCollection<string> knownKeys)
    {
        if (string.IsNullOrEmpty(text))
            return Empty;
        var pairs = new List<(string Key, string Value)>();
        foreach (var pair in text.Split(';'))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2)
                throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, $"ARGS: invalid pair \"{pair}\" in CNI_ARGS");
            pairs.Add((parts[0], parts[1]));
        }
        var ignoreUnknown = pairs.Any(p => p.Key == IgnoreUnknownKey && IsTrue(p.Value));
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var (key, value) in pairs)
        {
            if (key == IgnoreUnknownKey)
            {
                if (!IsBool(value))
                    throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, $"ARGS: invalid value \"{value}\" for IgnoreUnknown in CNI_ARGS");
                continue;
            }
            if (knownKeys.Contains(key))
                values[key] = value;
            else
                unknown.Add($"{key}={value}");
        }
        if (unknown.Count > 0 && !ignoreUnknown)
            throw new CniPluginException(CniErrorCodes.InvalidEnvironmentVariables, $"ARGS: unknown args [\"{string.Join("\" \"", unknown)}\"] in CNI_ARGS");
        return new CniArgs(values);
    }

    // Go's UnmarshallableBool: "1"/"true" (any case) are true, "0"/"false" false, anything else an error.
    private static bool IsTrue(string value) => value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static bool IsBool(string value) => IsTrue(value) || value == "0" || value.Equals("false", StringComparison.OrdinalIgnoreCase);
}
