using System.Text;
using CniTest.Harness.Contract;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Versioning;
using CniTest.Scenarios.Engine;

namespace CniTest.Scenarios.Checks;

/// <summary>
/// Bad input gives a non-zero exit (P1) and an error object (P2) whose code means what went wrong (P5), naming
/// the variable for code 4 (P4). Codes 100 and up are the plugin's own and always accepted.
/// </summary>
internal static class BadInputChecks
{
    private sealed record Case(string Id, string Title, string What, uint[] Codes, string? Names, RuleLevel ExitLevel,
        Func<CheckContext, Attachment, byte[]> Stdin, Func<InvocationRequest, InvocationRequest>? Tweak = null);

    private static readonly Case[] Cases =
    [
        new("bad-input.malformed-stdin", "Malformed JSON on stdin is rejected with a decode error", "malformed JSON on stdin",
            [CniErrorCodes.DecodingFailure, CniErrorCodes.IoFailure, CniErrorCodes.InvalidNetworkConfig], null, RuleLevel.Must,
            (ctx, a) => Encoding.UTF8.GetBytes(Truncated(ctx, a))),
        new("bad-input.empty-stdin", "Empty stdin is rejected with a decode error", "empty stdin",
            [CniErrorCodes.DecodingFailure, CniErrorCodes.IoFailure, CniErrorCodes.InvalidNetworkConfig], null, RuleLevel.Must,
            (_, _) => []),
        Missing("CNI_CONTAINERID"),
        Missing("CNI_NETNS"),
        Missing("CNI_IFNAME"),
        new("bad-input.unknown-command", "An unknown CNI_COMMAND is rejected with code 4", "CNI_COMMAND=FROBNICATE",
            [CniErrorCodes.InvalidEnvironmentVariables], "CNI_COMMAND", RuleLevel.Must,
            Valid, r => r with { OverrideVariables = new Dictionary<string, string> { ["CNI_COMMAND"] = "FROBNICATE" } }),
        // The spec restricts container ids (alphanumeric start, then [A-Za-z0-9_.-]) as a runtime duty; a plugin
        // that rejects a bad one protects file names built from it, but accepting it is no MUST violation.
        new("bad-input.invalid-containerid", "An invalid CNI_CONTAINERID is rejected", "CNI_CONTAINERID=\"../bad id\"",
            [CniErrorCodes.InvalidEnvironmentVariables, CniErrorCodes.UnknownContainer, CniErrorCodes.InvalidNetworkConfig], "CNI_CONTAINERID",
            RuleLevel.Should, Valid, r => r with { OverrideVariables = new Dictionary<string, string> { ["CNI_CONTAINERID"] = "../bad id" } }),
    ];

    public static IEnumerable<CheckDefinition> All() => Cases.Select(c => new CheckDefinition
    {
        Id = c.Id,
        Title = c.Title,
        Rule = c.ExitLevel == RuleLevel.Must ? "P1" : "P4",
        Level = c.ExitLevel,
        AlsoReports = ["P1", "P2", "P4", "P5"],
        Body = ctx => RunAsync(ctx, c),
    });

    private static Case Missing(string variable) => new(
        $"bad-input.missing-{variable["CNI_".Length..].ToLowerInvariant()}",
        $"ADD without {variable} is rejected with code 4 naming it", $"ADD without {variable}",
        [CniErrorCodes.InvalidEnvironmentVariables], variable, RuleLevel.Must,
        Valid, r => r with { OmitVariables = new HashSet<string>([variable]) });

    /// <summary>
    /// True when <paramref name="message"/> names <paramref name="variable"/>: exactly, or without the CNI_ prefix
    /// in any case and spelling ("containerID" names CNI_CONTAINERID, as Go's skel writes it).
    /// </summary>
    internal static bool Names(string message, string variable)
    {
        static string Fold(string s) => new([.. s.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
        return message.Contains(variable, StringComparison.Ordinal) || Fold(message).Contains(Fold(variable["CNI_".Length..]), StringComparison.Ordinal);
    }

    private static byte[] Valid(CheckContext ctx, Attachment a) => CheckContext.Encode(ctx.SubjectRequest(a));

    private static string Truncated(CheckContext ctx, Attachment a)
    {
        var json = ctx.SubjectRequest(a).ToJsonString();
        return json[..(json.Length / 2)];
    }

    private static async Task RunAsync(CheckContext ctx, Case c)
    {
        var a = ctx.NewAttachment();
        ctx.Require(await ctx.PrepareAsync(a), "setting up the chain", c.ExitLevel == RuleLevel.Must ? "P1" : "P4", c.ExitLevel);
        var record = await ctx.InvokeSubjectAsync(CniCommand.Add, a, c.Stdin(ctx, a), c.Tweak);
        if (record.Succeeded || record.TimedOut)
        {
            ctx.Fail(c.ExitLevel == RuleLevel.Must ? "P1" : "P4", c.ExitLevel,
                $"{c.What}: expected a non-zero exit with an error object, got {(record.TimedOut ? ctx.Describe(record) : $"exit 0 (stdout: {CheckContext.Excerpt(record.StdoutText)})")}", record);
        }

        var error = CniErrorObject.TryParse(StdoutDocuments.First(record.Stdout));
        var atLeast1 = CniVersion.TryParse(ctx.Version, out var v, out _) && v >= CniVersion.V100;
        if (error is null)
        {
            // cni#732: the runtime can only say "failed with no error message".
            ctx.Fail("P2", atLeast1 ? RuleLevel.Should : RuleLevel.Must, $"{c.What}: the plugin failed ({ctx.Describe(record)}) without an error object {{code, msg}} on stdout", record);
        }

        if (error.Code < CniErrorCodes.FirstPluginSpecific && !c.Codes.Contains(error.Code))
        {
            ctx.Fail("P5", atLeast1 ? RuleLevel.Should : RuleLevel.Must,
                $"{c.What}: error code {error.Code} ({CniErrorCodes.Describe(error.Code)}) does not mean that; expected {string.Join(" or ", c.Codes.Select(x => $"{x} ({CniErrorCodes.Describe(x)})"))}, or a code of 100 and up", record);
        }

        if (error.Code == CniErrorCodes.InvalidEnvironmentVariables && c.Names is { } name && !Names(error.ToString(), name))
        {
            ctx.Fail("P4", RuleLevel.Must, $"{c.What}: code 4 must name the variable, but the message \"{error}\" does not mention {name}", record);
        }

        ctx.Note($"rejected: {ctx.Describe(record)}");
    }
}
