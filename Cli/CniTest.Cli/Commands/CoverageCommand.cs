using System.CommandLine;
using CniTest.Cli.Commands.Rules;
using CniTest.Harness.Rules;

namespace CniTest.Cli.Commands;

/// <summary>
/// <c>coverage</c>: which checks of <c>cnitest run</c> cover each plugin rule, then the plugin rules no check
/// covers. Runtime rules get a section of their own instead of counting as gaps: they bind the runtime (the
/// Harness), whose test projects verify them, while <c>cnitest run</c> judges plugins.
/// </summary>
internal static class CoverageCommand
{
    public static Command Create(CliContext ctx)
    {
        var command = new Command("coverage",
            "Show the checks covering each plugin rule (P, 'also': a rule the check's failures may cite) and the plugin " +
            "rules none covers; runtime rules (R) come apart, not as gaps: the Harness's tests verify them, run judges plugins");
        command.SetAction(_ =>
        {
            Write(ctx.Out, RuleCatalog.Default);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(TextWriter output, RuleCatalog catalog)
    {
        var plugin = catalog.All.Where(r => r.Side == RuleSide.Plugin).ToList();
        var runtime = catalog.All.Where(r => r.Side == RuleSide.Runtime).ToList();
        var covered = plugin.Where(r => CheckIndex.All.Any(c => c.Covers(r.Id))).ToList();
        var gaps = plugin.Except(covered).ToList();

        output.WriteLine($"Plugin rules covered by checks of cnitest run ({covered.Count} of {plugin.Count}):");
        Table.Write(output, ["RULE", "LEVEL", "CHECKS"], [.. covered.Select(r => new[] { r.Id, RuleText.Level(r.Level), Checks(r.Id) })]);
        output.WriteLine();
        output.WriteLine($"Plugin rules no check covers ({gaps.Count}):");
        Table.Write(output, ["RULE", "LEVEL", "TITLE"], [.. gaps.Select(r => new[] { r.Id, RuleText.Level(r.Level), r.Title })]);
        output.WriteLine();
        output.WriteLine($"Runtime rules ({runtime.Count}): verified by the Harness's test projects, not by checks (cnitest run judges plugins):");
        Table.Write(output, ["RULE", "LEVEL", "TITLE"], [.. runtime.Select(r => new[] { r.Id, RuleText.Level(r.Level), r.Title })]);
    }

    private static string Checks(string ruleId)
    {
        var own = CheckIndex.All.Where(c => c.Rule == ruleId).Select(c => c.Id).ToList();
        var also = CheckIndex.All.Where(c => c.Rule != ruleId && c.Covers(ruleId)).Select(c => c.Id).ToList();
        return string.Join(", ", own) + (also.Count == 0 ? "" : (own.Count == 0 ? "" : "; ") + "also " + string.Join(", ", also));
    }
}
