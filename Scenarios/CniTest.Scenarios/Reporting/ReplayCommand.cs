using System.Text;
using System.Text.RegularExpressions;
using CniTest.Harness.Invocation;

namespace CniTest.Scenarios.Reporting;

/// <summary>
/// A shell snippet that replays one recorded plugin call by hand (PEERS (d) 6: nobody offers replay). The run's
/// namespaces are gone afterwards, so the snippet makes scratch ones under /run/netns and rewrites the paths
/// of the run's private directory in the environment and stdin.
/// </summary>
public static partial class ReplayCommand
{
    private const string Delimiter = "CNI_STDIN";

    public static string For(InvocationRecord record)
    {
        var env = record.Environment.ToDictionary(p => p.Key, p => Rewrite(p.Value));
        var stdin = Rewrite(record.StdinText);
        var sandbox = env.TryGetValue("CNI_NETNS", out var n) && n.StartsWith("/run/netns/", StringComparison.Ordinal) ? n["/run/netns/".Length..] : null;

        var sb = new StringBuilder();
        sb.Append("ip netns add cnitest-host");
        if (sandbox is not null)
        {
            sb.Append($"; ip netns add {sandbox}");
        }

        sb.Append('\n');
        sb.Append("ip netns exec cnitest-host env");
        foreach (var name in InvocationRequest.SpecVariables.Where(v => !env.ContainsKey(v)))
        {
            sb.Append($" -u {name}");
        }

        foreach (var name in InvocationRequest.SpecVariables.Where(env.ContainsKey).Concat(env.Keys.Except(InvocationRequest.SpecVariables)))
        {
            sb.Append($" {name}={Quote(env[name])}");
        }

        sb.Append(' ').Append(Quote(record.PluginPath));
        if (record.Stdin.Length == 0)
        {
            sb.Append(" </dev/null\n");
        }
        else
        {
            sb.Append($" <<'{Delimiter}'\n{stdin.TrimEnd('\n')}\n{Delimiter}\n");
        }

        sb.Append("ip netns del cnitest-host");
        if (sandbox is not null)
        {
            sb.Append($"; ip netns del {sandbox}");
        }

        return sb.ToString();
    }

    /// <summary>Paths inside a run's private directory become scratch paths a user can create.</summary>
    internal static string Rewrite(string text)
    {
        var sandboxes = SandboxPin().Replace(text, m => $"/run/netns/cnitest-{m.Groups[1].Value}");
        return RunDir().Replace(sandboxes, "/tmp/cnitest-replay");
    }

    internal static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "/._-:=,+@".Contains(c)) ? value : "'" + value.Replace("'", "'\\''") + "'";

    [GeneratedRegex(@"/[^\s""']*?/cnitest-run-[A-Za-z0-9]+/[^/\s""']+/netns/(sandbox\d+)")]
    private static partial Regex SandboxPin();

    [GeneratedRegex(@"/[^\s""']*?/cnitest-run-[A-Za-z0-9]+/[^/\s""']+")]
    private static partial Regex RunDir();
}
