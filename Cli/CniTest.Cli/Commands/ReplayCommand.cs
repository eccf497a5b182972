using System.CommandLine;
using CniTest.Scenarios.Recording;
using CniTest.Scenarios.Sandbox;

namespace CniTest.Cli.Commands;

/// <summary>
/// <c>replay DIR --check KEY [--plugin PATH]</c> re-runs the recorded steps of one check (calls and drift, in order)
/// in a fresh fake host and prints the recorded and the new outcome of each call side by side; <c>replay FILE</c>
/// re-runs one recorded call. Exit 0 when every call's verdict (<see cref="CallVerdict"/>) is the recorded one,
/// 1 when one differs, 2 for a usage or environment problem, 130 when interrupted (everything removed).
/// </summary>
internal static class ReplayCommand
{
    private const int Column = 42;

    public static Command Create(CliContext ctx)
    {
        var path = new Argument<string>("recording") { Description = "A directory written by --record (with --check), or one step file of it (one call)" };
        var check = new Option<string?>("--check") { Description = "The check to replay: its key in the recording's index.json (del.twice@1.1.0), or its id when recorded at one version" };
        var plugin = new Option<string?>("--plugin")
        {
            Description = "Run this binary instead of the recorded plugin under test (to try a fix); partners stay as recorded. " +
                          "For a recording of add/check/del/gc/status: instead of the plugin with the same file name",
        };
        var timeout = new Option<double>("--timeout") { Description = "Seconds each plugin call may take before it is killed", DefaultValueFactory = _ => 10 };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() <= 0)
            {
                r.AddError("--timeout must be a positive number of seconds");
            }
        });
        var command = new Command("replay",
            "Re-run a recorded check (every call and drift step, in order) or one recorded call in a fresh fake host, and compare the outcomes. " +
            "Exit 0 same verdicts, 1 a call's verdict differs, 2 usage or environment problem, 130 interrupted")
        {
            path, check, plugin, timeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            var target = ctx.FullPath(parse.GetValue(path)!);
            var (title, steps) = Load(target, parse.GetValue(check));
            var substitute = parse.GetValue(plugin) is { } p ? ctx.FullPath(p) : null;
            if (substitute is not null && !File.Exists(substitute))
            {
                throw new UsageException($"--plugin: no plugin binary at {substitute}");
            }

            if (!Environment.IsPrivilegedProcess)
            {
                throw new UsageException("cnitest replay needs root: it creates network namespaces for the fake host and the sandboxes");
            }

            var options = new ReplayOptions { PluginPath = substitute, Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
            using var guard = new InterruptGuard();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, guard.Token);
            ReplayReport report;
            try
            {
                report = await Replayer.ReplayAsync(steps, options, linked.Token);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                ctx.Error.WriteLine("cnitest: interrupted; the fake host and its sandboxes were removed");
                return ExitCodes.Interrupted;
            }

            Print(ctx.Out, title, steps, report);
            return report.Differs ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static (string Title, IReadOnlyList<RecordedStep> Steps) Load(string target, string? check)
    {
        if (File.Exists(target))
        {
            if (check is not null)
            {
                throw new UsageException("--check names a check of a recording directory; a step file is replayed as it is");
            }

            var step = RecordingSet.LoadStep(target);
            if (step.Call is null)
            {
                throw new UsageException($"{target} records a {step.Action!.Kind} action, not a call; replay its check with cnitest replay DIR --check {step.Check}");
            }

            return ($"step {step.Step} of {step.Check}", [step]);
        }

        if (!Directory.Exists(target))
        {
            throw new UsageException($"no recording at {target}: no such directory or step file");
        }

        if (check is null)
        {
            var keys = RecordingSet.ReadIndex(target)?.Checks.Select(c => c.Check).ToList() ?? [];
            throw new UsageException($"replay of a recording directory needs --check KEY{(keys.Count > 0 ? $"; recorded: {string.Join(", ", keys.Take(12))}{(keys.Count > 12 ? ", …" : "")}" : "")}");
        }

        var (entry, steps) = RecordingSet.LoadCheck(target, check);
        return ($"{entry.Check}{(entry.Outcome is { } o ? $" (recorded: {o})" : "")}", steps);
    }

    private static void Print(TextWriter output, string title, IReadOnlyList<RecordedStep> steps, ReplayReport report)
    {
        var calls = steps.Count(s => s.Call is not null);
        var plugin = steps.Select(s => s.Call).FirstOrDefault(c => c is { Subject: true })?.Plugin;
        // A CLI recording has no plugin under test: name the chain's plugins instead.
        plugin ??= string.Join(", ", steps.Select(s => s.Call?.Plugin).OfType<string>().Distinct());
        output.WriteLine($"cnitest replay: {title}: {calls} call(s), {steps.Count - calls} drift step(s){(plugin.Length == 0 ? "" : ", plugin " + plugin)}, in a fresh fake host");
        foreach (var note in report.Notes)
        {
            output.WriteLine($"note: {note}");
        }

        output.WriteLine($"{"step",4}  {"call",-22}  {"recorded",-Column}  {"replayed",-Column}");
        foreach (var row in report.Rows)
        {
            if (row.Recorded is null)
            {
                output.WriteLine($"{row.Step,4}  -- {Cut($"{row.What}: {row.Note}", 22 + 2 * Column + 1)}");
                continue;
            }

            var now = row.Replayed?.ToString() ?? "not run: " + row.Note;
            output.WriteLine($"{row.Step,4}  {Cut(row.What, 22),-22}  {Cut(row.Recorded.ToString(), Column),-Column}  {Cut(now, Column),-Column}{(row.Differs ? "  DIFFERS" : "")}");
        }

        var differing = report.Rows.Count(r => r.Differs);
        output.WriteLine(differing == 0
            ? $"verdict: the same as recorded ({calls} call(s); outcome class, error code and output-contract rules of each call)"
            : $"verdict: differs from the recording in {differing} of {calls} call(s) (outcome class, error code or output-contract rules)");
    }

    private static string Cut(string text, int width)
    {
        var t = text.Replace('\n', ' ');
        return t.Length <= width ? t : t[..(width - 1)] + "…";
    }
}
