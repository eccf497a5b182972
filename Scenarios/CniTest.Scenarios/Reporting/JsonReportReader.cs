using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Reporting;

/// <summary>
/// Reads a <c>--report</c> JSON back into a <see cref="RunReport"/> (for <c>cnitest report merge</c>): the inverse of
/// <see cref="JsonReportWriter"/> for everything the writer puts in.
/// </summary>
public static class JsonReportReader
{
    /// <summary>Reads the report at <paramref name="path"/>; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static RunReport Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not JSON ({e.Message})");
        }

        try
        {
            return Parse(root as JsonObject ?? throw new FormatException("not a JSON object"));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or KeyNotFoundException or NullReferenceException)
        {
            throw new FormatException($"{path}: not a cnitest report ({e.Message})");
        }
    }

    public static RunReport Parse(JsonObject json)
    {
        PluginRoles.TryParse(Text(json, "role"), out var role);
        var shard = json["shard"] is JsonObject s ? new ShardSpec((int)s["index"]!, (int)s["count"]!) : null;
        return new RunReport
        {
            Plugin = Text(json, "plugin")!,
            Role = role,
            Versions = [.. json["versions"]!.AsArray().Select(v => (string)v!)],
            Duration = TimeSpan.FromMilliseconds((double)json["durationMs"]!),
            Results = [.. json["results"]!.AsArray().Select(r => Result(r!.AsObject(), Text(json, "plugin")!))],
            Policy = new ProfilePolicy(Text(json, "profile") == "spec" ? RunProfile.Spec : RunProfile.Runtime, json["strict"]?.GetValue<bool>() ?? false),
            HostProfile = Text(json, "hostProfile") == "docker" ? Sandbox.HostProfile.Docker : Sandbox.HostProfile.Plain,
            Shard = shard,
            Planned = json["planned"] is JsonArray planned ? [.. planned.Select(p => (string)p!)] : [],
            Contract = json["contract"] is JsonObject c ? Contract(c, Text(json, "plugin")!) : null,
        };
    }

    private static ContractTally Contract(JsonObject json, string plugin) => new(
        (int)json["calls"]!,
        [.. json["violations"]!.AsArray().Select(v => new ContractEntry(
            Text(v!, "checkId")!,
            Invocation(v!["invocation"]!.AsObject(), plugin),
            new ContractViolation(Text(v!, "ruleId")!, Text(v!, "checklistId")!, Level(Text(v!, "level")) ?? RuleLevel.Must, Text(v!, "message")!)))]);

    private static CheckResult Result(JsonObject json, string plugin)
    {
        var outcome = Text(json, "outcome") switch
        {
            "failed" => CheckOutcome.Failed,
            "skipped" => CheckOutcome.Skipped,
            "error" => CheckOutcome.Error,
            "passed" or "flaky" => CheckOutcome.Passed,
            var other => throw new FormatException($"unknown outcome '{other}'"),
        };
        var invocations = json["invocations"]!.AsArray().Select(i => Invocation(i!.AsObject(), plugin)).ToList();
        return new CheckResult
        {
            Id = Text(json, "id")!,
            Title = Text(json, "title") ?? "",
            Rule = Text(json, "rule"),
            CniVersion = Text(json, "cniVersion"),
            Outcome = outcome,
            Level = Level(Text(json, "severity")),
            IsWarning = json["warning"]?.GetValue<bool>() ?? false,
            Message = Text(json, "message"),
            Duration = TimeSpan.FromMilliseconds((double)json["durationMs"]!),
            Invocations = invocations,
            // The writer keeps no pointer to the failing call; the last call is the one a failure is usually about.
            FailedInvocation = outcome == CheckOutcome.Failed ? invocations.LastOrDefault() : null,
            FailedAttempts = json["failedAttempts"] is JsonArray attempts ? [.. attempts.Select(a => Result(a!.AsObject(), plugin))] : [],
        };
    }

    /// <summary>A call as the report lists it; the report's calls are all of the plugin under test.</summary>
    private static InvocationRecord Invocation(JsonObject json, string plugin) => new()
    {
        PluginPath = plugin,
        Command = Text(json, "command")!,
        Environment = json["env"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!),
        Stdin = Encoding.UTF8.GetBytes(Text(json, "stdin") ?? ""),
        Stdout = Encoding.UTF8.GetBytes(Text(json, "stdout") ?? ""),
        Stderr = Encoding.UTF8.GetBytes(Text(json, "stderr") ?? ""),
        ExitCode = (int?)json["exitCode"],
        Signal = (int?)json["signal"],
        Duration = TimeSpan.FromMilliseconds((double)json["durationMs"]!),
    };

    private static RuleLevel? Level(string? name) => name switch
    {
        "must" => RuleLevel.Must,
        "should" => RuleLevel.Should,
        "may" => RuleLevel.May,
        "go-only" => RuleLevel.GoOnly,
        _ => null,
    };

    private static string? Text(JsonNode node, string key) => node[key] is JsonValue v ? v.GetValue<string>() : null;
}
