namespace CniTest.Bridge.Config;

/// <summary>
/// CNI_ARGS "K1=V1;K2=V2" (CONVENTIONS). Read leniently: unknown keys and malformed pairs are ignored, since the
/// bridge only reads MAC; Go's strict unknown-key rule (P49) is a Go-only behaviour.
/// </summary>
internal static class CniArgs
{
    public static string? Get(string cniArgs, string key)
    {
        foreach (var pair in cniArgs.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair.AsSpan(0, equals).SequenceEqual(key))
            {
                return pair[(equals + 1)..];
            }
        }

        return null;
    }
}
