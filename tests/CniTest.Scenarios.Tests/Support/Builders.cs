using System.Text;
using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Scenarios.Engine;
using CniTest.Scenarios.Model;

namespace CniTest.Scenarios.Tests.Support;

/// <summary>Small builders for records, results and reports, so unit tests state only what matters to them.</summary>
public static class Builders
{
    public static InvocationRecord Record(string command = "ADD", string stdout = "", int exit = 0, int? signal = null,
        string stdin = "{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"bridge\"}", string stderr = "",
        string netns = "/tmp/cnitest-run-AbC123/check4/netns/sandbox2", bool timedOut = false) => new()
        {
            PluginPath = "/usr/lib/cni/bridge",
            Command = command,
            Environment = new Dictionary<string, string>
            {
                ["CNI_COMMAND"] = command,
                ["CNI_CONTAINERID"] = "c1",
                ["CNI_NETNS"] = netns,
                ["CNI_IFNAME"] = "eth0",
                ["CNI_ARGS"] = "",
                ["CNI_PATH"] = "/usr/lib/cni",
            },
            Stdin = Encoding.UTF8.GetBytes(stdin),
            Stdout = Encoding.UTF8.GetBytes(stdout),
            Stderr = Encoding.UTF8.GetBytes(stderr),
            ExitCode = exit,
            Signal = signal,
            TimedOut = timedOut,
            Duration = TimeSpan.FromMilliseconds(12.34),
        };

    public static CheckDefinition Definition(string id = "del.twice", string rule = "P26", RuleLevel level = RuleLevel.Must,
        VersionScope scope = VersionScope.Deep, IReadOnlySet<PluginRole>? roles = null, Func<RunPlan, string, string?>? skipWhen = null,
        IReadOnlyList<string>? alsoReports = null) => new()
        {
            Id = id,
            Title = "title of " + id,
            Rule = rule,
            Level = level,
            Scope = scope,
            Roles = roles ?? CheckDefinition.AllRoles,
            SkipWhen = skipWhen,
            AlsoReports = alsoReports ?? [],
            Body = _ => Task.CompletedTask,
        };

    public static PlannedCheck Planned(CheckDefinition? def = null, string version = "1.0.0") =>
        new(def ?? Definition(), version, version, null);

    public static CheckResult Result(string id = "del.twice", CheckOutcome outcome = CheckOutcome.Passed, bool warning = false,
        string? message = null, IReadOnlyList<InvocationRecord>? invocations = null) => new()
        {
            Id = id,
            Title = "title of " + id,
            Rule = "P26",
            CniVersion = "1.0.0",
            Outcome = outcome,
            IsWarning = warning,
            Level = RuleLevel.Must,
            Message = message,
            Duration = TimeSpan.FromMilliseconds(42),
            Invocations = invocations ?? [],
            FailedInvocation = invocations?.FirstOrDefault(),
        };

    public static RunReport Report(params CheckResult[] results) => new()
    {
        Plugin = "/usr/lib/cni/bridge",
        Role = PluginRole.Interface,
        Versions = ["0.4.0", "1.0.0"],
        Duration = TimeSpan.FromSeconds(1.5),
        Results = results,
        Policy = ProfilePolicy.Default,
    };
}

/// <summary>Run plans for planner tests, without any preflight.</summary>
public static class Plans
{
    public static RunPlan Of(PluginRole role = PluginRole.Interface, IReadOnlyList<(string, string?)>? matrix = null,
        IReadOnlyList<string>? deep = null, IReadOnlyList<string>? advertised = null, PluginTraits? traits = null)
    {
        var plugin = "/opt/test/myplugin";
        return new RunPlan
        {
            Options = new RunOptions { PluginPath = plugin, Role = role },
            Network = new Configs.NetworkSpec
            {
                Name = "cnitest",
                Role = role,
                Members = [new Configs.ChainMember("myplugin", plugin, new System.Text.Json.Nodes.JsonObject { ["type"] = "myplugin" }, true)],
                MasterLinks = [],
                IsBuiltIn = true,
                Source = "test",
            },
            CniPath = ["/opt/test"],
            Advertised = advertised ?? ["0.4.0", "1.0.0"],
            Matrix = matrix ?? [("0.4.0", null), ("1.0.0", null)],
            DeepVersions = deep ?? ["1.0.0"],
            PartnerVersions = new Dictionary<string, VersionInfo?>(),
            Traits = traits ?? PluginTraits.Default,
        };
    }
}
