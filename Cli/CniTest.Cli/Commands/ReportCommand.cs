using System.CommandLine;
using CniTest.Cli.Commands.Run;
using CniTest.Scenarios.Model;
using CniTest.Scenarios.Reporting;

namespace CniTest.Cli.Commands;

/// <summary>
/// <c>report merge A.json B.json … [-o OUT.json] [--junit X] [--tap Y]</c>: joins the <c>--report</c> files of the
/// shards of one run (<c>run --shard K/N</c>) into the report one whole run would have written, and writes JUnit and
/// TAP from it on request. Exit 0 when no merged check failed, 1 when one did (like <c>run</c>), 2 when the files are
/// not the complete set of shards of one run, or when a merged check errored and none failed (like <c>run</c>).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext ctx)
    {
        var files = new Argument<string[]>("reports") { Description = "The shards' --report JSON files, one per shard", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write the merged JSON report to this file" };
        var junit = new Option<string?>("--junit") { Description = "Write the merged results as JUnit XML to this file" };
        var tap = new Option<string?>("--tap") { Description = "Write the merged results as TAP version 14 to this file" };
        var merge = new Command("merge", "Merge the --report files of the shards of one run (run --shard K/N) into one report equal to a whole run's")
        {
            files, output, junit, tap,
        };
        merge.SetAction(parse =>
        {
            var reports = new List<RunReport>();
            foreach (var file in parse.GetValue(files)!)
            {
                var path = ctx.FullPath(file);
                if (!File.Exists(path))
                {
                    throw new UsageException($"no such report: {file}");
                }

                try
                {
                    reports.Add(JsonReportReader.Read(path));
                }
                catch (FormatException e)
                {
                    throw new UsageException(e.Message);
                }
            }

            RunReport merged;
            try
            {
                merged = ReportMerger.Merge(reports);
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException($"cannot merge: {e.Message}");
            }

            if (parse.GetValue(output) is { } o)
            {
                JsonReportWriter.Write(merged, ctx.FullPath(o));
            }

            if (parse.GetValue(junit) is { } j)
            {
                JUnitReportWriter.Write(merged, ctx.FullPath(j));
            }

            if (parse.GetValue(tap) is { } t)
            {
                TapReportWriter.Write(merged, ctx.FullPath(t));
            }

            CiOutputs.WriteGitHub(ctx, merged);
            ctx.Out.WriteLine($"{merged.Verdict}: {RunPrinter.Verdict(merged)} (merged from {RunPrinter.Count(reports.Count, "report")})");
            return CiOutputs.ExitCode(merged, failOnFlaky: false, ctx.Error);
        });
        return new Command("report", "Work with --report files") { merge };
    }
}
