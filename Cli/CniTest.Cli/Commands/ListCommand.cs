using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CniTest.Cli.Commands.Rules;
using CniTest.Harness.Rules;
using CniTest.Scenarios.Model;

namespace CniTest.Cli.Commands;

/// <summary>
/// <c>list [--json]</c>: every result id <c>cnitest run</c> can report (the checks, then the output-contract rules),
/// with its rule, level, roles and versions: the ids <c>--filter</c> and <c>explain</c> take.
/// </summary>
internal static class ListCommand
{
    // Titles hold quotes and apostrophes; the output is for terminals and jq, not for embedding in HTML.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext ctx)
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array instead of a table" };
        var command = new Command("list",
            "List every check of cnitest run with its rule, level, roles and versions") { json };
        command.SetAction(parse =>
        {
            var catalog = RuleCatalog.Default;
            if (parse.GetValue(json))
            {
                ctx.Out.WriteLine(new JsonArray([.. CheckIndex.All.Select(c => (JsonNode)ToJson(catalog, c))]).ToJsonString(JsonOptions));
                return ExitCodes.Success;
            }

            var rows = CheckIndex.All.Select(c => new[]
            {
                c.Id, c.Rule, ContractReporter.Label(c.Level), RuleText.Roles(c.Roles), RuleText.Range(c.Versions(catalog)), c.Runs,
            }).ToList();
            Table.Write(ctx.Out, ["ID", "RULE", "LEVEL", "ROLES", "VERSIONS", "RUNS"], rows);
            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject ToJson(RuleCatalog catalog, CheckEntry c) => new()
    {
        ["id"] = c.Id,
        ["title"] = c.Title,
        ["rule"] = c.Rule,
        ["alsoReports"] = new JsonArray([.. c.AlsoReports.Select(r => (JsonNode)r)]),
        ["level"] = ContractReporter.Label(c.Level),
        ["roles"] = new JsonArray([.. c.Roles.Select(r => (JsonNode)PluginRoles.Name(r))]),
        ["versions"] = new JsonArray([.. c.Versions(catalog).Select(v => (JsonNode)v)]),
        ["runs"] = c.Runs,
    };
}
