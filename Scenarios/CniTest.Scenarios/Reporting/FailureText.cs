using System.Text;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Reporting;

/// <summary>
/// The human-readable account of a failed (or warned) check: the rule, expected versus seen, the call it is about
/// (env, stdin, stdout, stderr, exit, ms) and a replay snippet. Used by the console and by JUnit.
/// </summary>
public static class FailureText
{
    public static string For(CheckResult r)
    {
        var sb = new StringBuilder();
        sb.Append($"rule {r.Rule} ({(r.Level is { } l ? ProfilePolicy.LevelName(l).ToUpperInvariant() : "-")}): {r.Title}\n");
        foreach (var line in (r.Message ?? "").Split('\n'))
        {
            sb.Append($"  {line}\n");
        }

        var call = r.FailedInvocation ?? r.Invocations.LastOrDefault();
        if (call is not null)
        {
            sb.Append(Invocation(call));
        }

        sb.Append(WholeCheckReplay(r));

        return sb.ToString();
    }

    public static string Invocation(InvocationRecord call)
    {
        var sb = new StringBuilder();
        var exit = call.TimedOut ? "killed after the timeout" : call.Signal is { } s ? $"signal {s}" : $"exit {call.ExitCode}";
        sb.Append($"  call: {(call.Environment.TryGetValue("CNI_COMMAND", out var c) ? c : call.Command)} {call.PluginPath} ({exit}, {call.Duration.TotalMilliseconds:0} ms)\n");
        sb.Append($"  env: {string.Join(' ', call.Environment.Select(p => $"{p.Key}={ReplayCommand.Quote(p.Value)}"))}\n");
        sb.Append($"  stdin: {Trim(call.StdinText)}\n");
        sb.Append($"  stdout: {Trim(call.StdoutText)}\n");
        if (call.Stderr.Length > 0)
        {
            sb.Append($"  stderr: {Trim(call.StderrText)}\n");
        }

        sb.Append("  replay:\n");
        foreach (var line in ReplayCommand.For(call).TrimEnd('\n').Split('\n'))
        {
            sb.Append($"    {line}\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// The line naming <c>cnitest replay</c>, which reruns the whole check (the calls and the drift before the failing
    /// one) in a fresh fake host; without <c>--record</c>, how to get it. Contract results gather calls of many
    /// checks, so they get neither.
    /// </summary>
    internal static string WholeCheckReplay(CheckResult r)
    {
        if (r.ReplayCommand is { } replay)
        {
            return $"  replay the whole check (every call and drift step, in a fresh fake host): {replay}\n";
        }

        return r.Id.StartsWith("contract.", StringComparison.Ordinal)
            ? ""
            : $"  to replay the whole check, run again with --record DIR, then: cnitest replay DIR --check {Recording.Recorder.KeyOf(r.Id, r.CniVersion)}\n";
    }

    private static string Trim(string text)
    {
        var t = text.Trim().Replace("\n", " ");
        return t.Length == 0 ? "(empty)" : t.Length > 1200 ? t[..1199] + "…" : t;
    }
}
