using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Reporting;

/// <summary>
/// The <c>--report</c> JSON (issue 5 "Output"; schema <c>schemas/report/cnitest-report.schema.json</c>): exactly
/// the keys of the issue, in its order. Keys are a contract for CI scripts.
/// </summary>
public static class JsonReportWriter
{
    public static JsonObject ToJson(RunReport report) => new()
    {
        ["plugin"] = report.Plugin,
        ["role"] = PluginRoles.Name(report.Role),
        ["versions"] = new JsonArray([.. report.Versions.Select(v => (JsonNode)v)]),
        ["hostProfile"] = Sandbox.HostProfiles.Name(report.HostProfile),
        ["runtime"] = report.Runtime,
        ["durationMs"] = Ms(report.Duration),
        ["summary"] = new JsonObject
        {
            ["passed"] = report.Passed,
            ["failed"] = report.Failed,
            ["skipped"] = report.Skipped,
            ["warnings"] = report.Warnings,
            ["flaky"] = report.Flaky,
            ["errors"] = report.Errors,
        },
        ["results"] = new JsonArray([.. report.Results.Select(Result)]),
        // Added for shards (issue 13): enough to merge shard reports into what one run would have written.
        ["profile"] = report.Policy.Profile == RunProfile.Spec ? "spec" : "runtime",
        ["strict"] = report.Policy.Strict,
        ["shard"] = report.Shard is { } shard ? new JsonObject { ["index"] = shard.Index, ["count"] = shard.Count } : null,
        ["planned"] = new JsonArray([.. report.Planned.Select(l => (JsonNode)l)]),
        ["contract"] = report.Contract is { } tally ? Contract(tally) : null,
    };

    private static JsonObject Contract(Engine.ContractTally tally) => new()
    {
        ["calls"] = tally.Calls,
        ["violations"] = new JsonArray([.. tally.Violations.Select(v => (JsonNode)new JsonObject
        {
            ["checkId"] = v.CheckId,
            ["ruleId"] = v.Violation.RuleId,
            ["checklistId"] = v.Violation.ChecklistId,
            ["level"] = ProfilePolicy.LevelName(v.Violation.Level),
            ["message"] = v.Violation.Message,
            ["invocation"] = Invocation(v.Record),
        })]),
    };

    public static void Write(RunReport report, string path)
    {
        var text = ToJson(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(path, text + "\n");
    }

    private static JsonNode Result(CheckResult r) => new JsonObject
    {
        ["id"] = r.Id,
        ["title"] = r.Title,
        ["rule"] = r.Rule,
        ["cniVersion"] = r.CniVersion,
        ["outcome"] = OutcomeName(r),
        ["severity"] = r.Level is { } level ? ProfilePolicy.LevelName(level) : null,
        ["message"] = r.Message,
        ["durationMs"] = Ms(r.Duration),
        ["invocations"] = new JsonArray([.. r.Invocations.Select(Invocation)]),
        ["warning"] = r.IsWarning,
        // --retries: the attempts that failed before the verdict (a flaky check's, or a failed check's reruns).
        ["failedAttempts"] = new JsonArray([.. r.FailedAttempts.Select(Result)]),
    };

    /// <summary>passed, failed, skipped, error (did not run to its end), or flaky for a check that passed only on a rerun.</summary>
    public static string OutcomeName(CheckResult r) => r.IsFlaky ? "flaky" : r.Outcome switch
    {
        CheckOutcome.Failed => "failed",
        CheckOutcome.Skipped => "skipped",
        CheckOutcome.Error => "error",
        _ => "passed",
    };

    internal static JsonNode Invocation(InvocationRecord i) => new JsonObject
    {
        ["command"] = i.Environment.TryGetValue("CNI_COMMAND", out var c) ? c : i.Command,
        ["env"] = new JsonObject([.. i.Environment.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]),
        ["stdin"] = i.StdinText,
        ["stdout"] = i.StdoutText,
        ["stderr"] = i.StderrText,
        ["exitCode"] = i.Signal is null ? i.ExitCode : null,
        ["signal"] = i.Signal,
        ["durationMs"] = Ms(i.Duration),
    };

    private static double Ms(TimeSpan t) => Math.Round(t.TotalMilliseconds, 1);
}
