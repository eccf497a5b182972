using System.Text.Json.Nodes;
using CniTest.Harness.Contract;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Engine;

namespace CniTest.Scenarios.Checks;

/// <summary>VERSION and the version matrix (checklist §2.2, P10–P13, P6, P15, P16).</summary>
internal static class VersionChecks
{
    /// <summary>The version the harness asks VERSION with (its newest).</summary>
    private const string AskVersion = SpecVersions.Latest;

    /// <summary>A version no spec has: every plugin must reject it.</summary>
    internal const string BogusVersion = "99.0.0";

    public static IEnumerable<CheckDefinition> All() =>
    [
        new()
        {
            Id = "version.reply",
            AlsoReports = ["P12"],
            Title = "VERSION with only CNI_COMMAND set answers {cniVersion, supportedVersions} on stdout",
            Rule = "P10",
            Level = RuleLevel.Must,
            Scope = VersionScope.Once,
            Body = ReplyAsync,
        },
        new()
        {
            Id = "version.matrix",
            AlsoReports = ["P14", "P15", "P16", "P17", "P18", "P24"],
            Title = "ADD and DEL succeed at an advertised version, with a result of that version's shape",
            Rule = "P13",
            Level = RuleLevel.Should,
            Scope = VersionScope.EachVersion,
            Body = MatrixAsync,
        },
        new()
        {
            Id = "version.unadvertised-rejected",
            Title = "ADD at a version the plugin does not advertise fails with error code 1",
            Rule = "P6",
            Level = RuleLevel.Should,
            Scope = VersionScope.Once,
            Body = UnadvertisedAsync,
        },
    ];

    private static async Task ReplyAsync(CheckContext ctx)
    {
        var record = await ctx.VersionAsync(AskVersion);
        if (!record.Succeeded)
        {
            ctx.Fail("P10", RuleLevel.Must, $"VERSION (only CNI_COMMAND set, stdin {{\"cniVersion\":\"{AskVersion}\"}}): expected exit 0 and a reply, got {ctx.Describe(record)}", record);
        }

        var reply = StdoutDocuments.First(record.Stdout) as JsonObject;
        if (reply is null)
        {
            ctx.Fail("P10", RuleLevel.Must, $"VERSION: expected a JSON object on stdout, got {CheckContext.Excerpt(record.StdoutText)}", record);
        }

        var own = reply["cniVersion"] is JsonValue cv && cv.TryGetValue<string>(out var text) ? text : null;
        if (string.IsNullOrEmpty(own))
        {
            ctx.Fail("P10", RuleLevel.Must, "VERSION reply has no cniVersion string", record);
        }

        switch (reply["supportedVersions"])
        {
            case JsonArray { Count: > 0 } list:
                var bad = list.Where(v => v is not JsonValue jv || !jv.TryGetValue<string>(out var s) || !CniVersion.TryParse(s, out _, out _)).ToList();
                if (bad.Count > 0)
                {
                    ctx.Fail("P12", RuleLevel.Must, $"supportedVersions holds entries that are not versions: {string.Join(", ", bad.Select(b => b?.ToJsonString() ?? "null"))}", record);
                }

                ctx.Note($"supports {string.Join(", ", list.Select(v => v!.GetValue<string>()))}; reply cniVersion {own}");
                break;
            case null when own == "0.2.0":
                ctx.Note("a 0.2.0 reply without supportedVersions (means 0.1.0 and 0.2.0)");
                break;
            case var other:
                ctx.Fail("P12", RuleLevel.Must, $"supportedVersions must be a non-empty array of versions, got {other?.ToJsonString() ?? "nothing"}", record);
                break;
        }
    }

    private static async Task MatrixAsync(CheckContext ctx)
    {
        var a = ctx.NewAttachment();
        var add = await ctx.AddAsync(a);
        if (add.Subject is { Succeeded: false } rejected && CniErrorObject.TryParse(StdoutDocuments.First(rejected.Stdout)) is { Code: CniErrorCodes.IncompatibleCniVersion })
        {
            ctx.Fail("P13", RuleLevel.Should, $"ADD at {ctx.Version}, which VERSION advertises, was rejected as incompatible: {ctx.Describe(rejected)}", rejected);
        }

        ctx.Require(add, $"ADD at {ctx.Version}", "P13", RuleLevel.Should);
        var record = add.Subject!;
        var own = a.SubjectResult?["cniVersion"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (own != ctx.Version)
        {
            ctx.Report("P15", RuleLevel.Must, $"ADD at {ctx.Version} returned a result with cniVersion {(own is null ? "missing" : $"\"{own}\"")}; expected \"{ctx.Version}\"", record);
        }

        foreach (var violation in OutputContract.Check(record, ctx.Version, ctx.Plan.Role == Model.PluginRole.Ipam)
                     .Where(x => x.RuleId.StartsWith("result.", StringComparison.Ordinal) || x.RuleId.StartsWith("ipam.", StringComparison.Ordinal))
                     .Where(x => x.RuleId != "result.cni-version"))
        {
            ctx.Report(violation.ChecklistId, violation.Level, $"ADD result at {ctx.Version} ({violation.RuleId}): {violation.Message}", record);
        }

        var del = await ctx.DelAsync(a);
        ctx.Require(del, $"DEL at {ctx.Version}", "P13", RuleLevel.Should);
        ctx.Note($"ADD and DEL accepted at {ctx.Version}; the result has this version's shape");
    }

    private static async Task UnadvertisedAsync(CheckContext ctx)
    {
        var advertised = ctx.Plan.VersionReply?.SupportedVersions ?? [];
        var unlisted = SpecVersions.All.Where(v => !advertised.Contains(v)).Append(BogusVersion).ToList();
        foreach (var version in unlisted)
        {
            var a = ctx.NewAttachment();
            ctx.Require(await ctx.PrepareAsync(a), "setting up the chain", "P6", RuleLevel.Should);
            var request = ctx.SubjectRequest(a);
            request["cniVersion"] = version;
            var record = await ctx.InvokeSubjectAsync(CniCommand.Add, a, CheckContext.Encode(request));
            if (record.Succeeded)
            {
                ctx.Report("P6", RuleLevel.Should, $"ADD with cniVersion \"{version}\", which VERSION does not list, succeeded; expected a failure with error code 1", record);
                continue;
            }

            var error = CniErrorObject.TryParse(StdoutDocuments.First(record.Stdout));
            if (error is not null && error.Code != CniErrorCodes.IncompatibleCniVersion)
            {
                ctx.Report("P6", RuleLevel.Should, $"ADD with cniVersion \"{version}\" failed with code {error.Code} ({CniErrorCodes.Describe(error.Code)}); expected code 1 (incompatible CNI version)", record);
            }
        }

        ctx.Note($"rejected with code 1: {string.Join(", ", unlisted)}");
    }
}
