namespace CniTest.Harness.Invocation;

/// <summary>
/// One plugin call: the spec's parameters plus the request bytes for stdin. Immutable; derive variants with
/// <c>with</c> (STYLE example 3, after <c>pkg/invoke/args.go</c>).
/// </summary>
/// <param name="Command">The <c>CNI_COMMAND</c> value.</param>
/// <param name="ContainerId"><c>CNI_CONTAINERID</c>; null renders as the empty string.</param>
/// <param name="Netns"><c>CNI_NETNS</c>.</param>
/// <param name="IfName"><c>CNI_IFNAME</c>.</param>
/// <param name="Args"><c>CNI_ARGS</c> pairs, rendered <c>k=v;k2=v2</c> without escaping (R25).</param>
/// <param name="Path">The directories rendered into <c>CNI_PATH</c> with ':' (R20).</param>
/// <param name="Stdin">The request configuration bytes.</param>
public sealed record InvocationRequest(
    string Command,
    string? ContainerId,
    string? Netns,
    string? IfName,
    IReadOnlyList<KeyValuePair<string, string>> Args,
    IReadOnlyList<string> Path,
    byte[] Stdin)
{
    /// <summary>How long the call may take before the plugin and its descendants are killed.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Variables to leave out of the rendered environment entirely (not even empty): used by conformance checks
    /// that test a plugin's handling of a missing variable. A runtime never sets this.
    /// </summary>
    public IReadOnlySet<string> OmitVariables { get; init; } = new HashSet<string>();

    /// <summary>Variables that replace the rendered ones, for checks that send malformed values on purpose.</summary>
    public IReadOnlyDictionary<string, string> OverrideVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>The spec's six variables, in the order libcni appends them (R23).</summary>
    public static IReadOnlyList<string> SpecVariables { get; } =
        ["CNI_COMMAND", "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH"];

    /// <summary>Renders <c>CNI_ARGS</c> (R25): pairs joined with ';', no escaping, empty when none.</summary>
    public string RenderArgs() => string.Join(';', Args.Select(a => $"{a.Key}={a.Value}"));

    /// <summary>
    /// The <c>CNI_*</c> variables for this call: all six always present, empty where not applicable (R23),
    /// then overrides, then omissions. The caller's own environment is inherited separately by the executor.
    /// </summary>
    public IReadOnlyDictionary<string, string> RenderCniVariables()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CNI_COMMAND"] = Command,
            ["CNI_CONTAINERID"] = ContainerId ?? "",
            ["CNI_NETNS"] = Netns ?? "",
            ["CNI_IFNAME"] = IfName ?? "",
            ["CNI_ARGS"] = RenderArgs(),
            ["CNI_PATH"] = string.Join(System.IO.Path.PathSeparator, Path),
        };
        foreach (var (k, v) in OverrideVariables)
        {
            env[k] = v;
        }

        foreach (var k in OmitVariables)
        {
            env.Remove(k);
        }

        return env;
    }
}
