using System.CommandLine;
using CniTest.Cli.Commands.Rules;
using CniTest.Harness.Rules;

namespace CniTest.Cli.Commands;

/// <summary>
/// <c>explain &lt;id&gt;</c>: what a rule id (P27, R32) or a check id (del.twice, contract.result.schema) means,
/// from the rule catalogue (schemas/rules/cni-rules.json) and the checks of <c>cnitest run</c>, so a failure's
/// rule can be read without the spec at hand.
/// </summary>
internal static class ExplainCommand
{
    private const int LabelWidth = 15;

    public static Command Create(CliContext ctx)
    {
        var id = new Argument<string>("id") { Description = "A rule id (P27, R32) or a check id (del.twice, contract.result.schema)" };
        var command = new Command("explain",
            "Explain a rule id (level by version, section, requirement, upstream bugs, its checks) or a check id") { id };
        command.SetAction(parse =>
        {
            var text = parse.GetValue(id)!.Trim();
            var catalog = RuleCatalog.Default;
            if (CheckIndex.Find(text) is { } check)
            {
                WriteCheck(ctx.Out, catalog, check);
            }
            else if (catalog.Find(text) is { } rule)
            {
                WriteRule(ctx.Out, catalog, rule);
            }
            else
            {
                throw new UsageException($"unknown rule or check id \"{text}\" (try cnitest list)");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteRule(TextWriter output, RuleCatalog catalog, CniRule rule)
    {
        output.WriteLine($"{rule.Id}: {rule.Title}");
        Field(output, "side", $"{(rule.Side == RuleSide.Plugin ? "plugin" : "runtime")} (source {RuleText.Source(rule.Source)})");
        Field(output, "level", RuleText.Levels(rule));
        Field(output, "versions", RuleText.Range(rule.SpecVersions));
        Field(output, "section", rule.Section);
        Field(output, "requirement", rule.Requirement);
        if (rule.Notes is { } notes)
        {
            Field(output, "notes", notes);
        }

        Lines(output, "bugs", Bugs(catalog, rule), "none recorded");
        var checks = CheckIndex.All.Where(c => c.Rule == rule.Id).ToList();
        var citing = CheckIndex.All.Where(c => c.Rule != rule.Id && c.Covers(rule.Id)).ToList();
        var none = rule.Side == RuleSide.Runtime
            ? "none: runtime rules bind the runtime, which the Harness implements and its own tests verify; cnitest run judges plugins"
            : "none: no check of cnitest run covers this rule";
        Lines(output, "checks", Aligned(checks), citing.Count == 0 ? none : "none as their own rule");
        if (citing.Count > 0)
        {
            Lines(output, "also cited by", Aligned(citing), "");
        }
    }

    private static void WriteCheck(TextWriter output, RuleCatalog catalog, CheckEntry check)
    {
        var rule = catalog.Find(check.Rule);
        output.WriteLine($"{check.Id}: {check.Title}");
        Field(output, "rule", rule is null ? check.Rule : $"{rule.Id} {rule.Title}");
        Field(output, "level", ContractReporter.Label(check.Level) +
            (rule?.Levels is null ? "" : $" (its rule: {RuleText.Levels(rule)})"));
        if (check.AlsoReports.Count > 0)
        {
            Lines(output, "also reports", check.AlsoReports.Select(id => $"{id} {catalog.Find(id)?.Title}".TrimEnd()), "");
        }

        Field(output, "roles", RuleText.Roles(check.Roles));
        Field(output, "versions", $"{RuleText.Range(check.Versions(catalog))}; runs {check.Runs}");
        if (rule is not null)
        {
            Field(output, "requirement", rule.Requirement);
            Lines(output, "bugs", Bugs(catalog, rule), "none recorded");
        }
    }

    private static IEnumerable<string> Bugs(RuleCatalog catalog, CniRule rule)
    {
        var width = rule.Bugs.Count == 0 ? 0 : rule.Bugs.Max(b => b.Length);
        return rule.Bugs.Select(b => catalog.BugUrl(b) is { } url ? $"{b.PadRight(width)}  {url}" : b);
    }

    private static IEnumerable<string> Aligned(IReadOnlyList<CheckEntry> checks)
    {
        var width = checks.Count == 0 ? 0 : checks.Max(c => c.Id.Length);
        return checks.Select(c => $"{c.Id.PadRight(width)}  {ContractReporter.Label(c.Level),-7} {c.Title}");
    }

    private static void Field(TextWriter output, string label, string value) =>
        output.WriteLine($"  {(label + ":").PadRight(LabelWidth)}{value}");

    private static void Lines(TextWriter output, string label, IEnumerable<string> values, string empty)
    {
        var first = true;
        foreach (var value in values)
        {
            output.WriteLine(first ? $"  {(label + ":").PadRight(LabelWidth)}{value}" : $"  {new string(' ', LabelWidth)}{value}");
            first = false;
        }

        if (first)
        {
            Field(output, label, empty);
        }
    }
}
