using System.CommandLine;
using CniTest.Cli.Commands;

namespace CniTest.Cli;

/// <summary>Builds the command tree and runs it; every failure becomes one line and a documented exit code.</summary>
public static class CliApp
{
    public const string ExitCodeHelp =
        "Exit codes: 0 success; 1 a plugin or the operation failed (validate: config invalid); " +
        "2 usage, configuration or environment error, or (run, report merge) a check that errored and none failed; 130 interrupted.";

    public static RootCommand Build(CliContext ctx)
    {
        var root = new RootCommand(
            "cnitest: a CNI runtime and conformance harness. The attachment commands are cnitool-compatible and read " +
            "NETCONFPATH, CNI_PATH, CNI_ARGS, CAP_ARGS and CNI_IFNAME. " + ExitCodeHelp);
        foreach (var command in AttachmentCommands.Create(ctx))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(VersionCommand.Create(ctx));
        root.Subcommands.Add(ValidateCommand.Create(ctx));
        root.Subcommands.Add(RunCommand.Create(ctx));
        root.Subcommands.Add(ReplayCommand.Create(ctx));
        root.Subcommands.Add(SchemaCommand.Create(ctx));
        root.Subcommands.Add(ExplainCommand.Create(ctx));
        root.Subcommands.Add(ListCommand.Create(ctx));
        root.Subcommands.Add(CoverageCommand.Create(ctx));
        root.Subcommands.Add(ReportCommand.Create(ctx));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext ctx, CancellationToken ct = default)
    {
        ParseResult parse;
        try
        {
            parse = Build(ctx).Parse(args);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, ctx.Error);
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                ctx.Error.WriteLine($"cnitest: {OneLine.Of(error.Message)}");
            }

            ctx.Error.WriteLine("cnitest: see 'cnitest --help'");
            return ExitCodes.UsageOrEnvironment;
        }

        try
        {
            var configuration = new InvocationConfiguration
            {
                Output = ctx.Out,
                Error = ctx.Error,
                EnableDefaultExceptionHandler = false,
            };
            if (parse.CommandResult.Command.Name is "run" or "replay")
            {
                // run and replay handle SIGINT/SIGTERM themselves: it must remove its namespaces before exiting, however long that
                // takes, instead of being abandoned after System.CommandLine's grace period.
                configuration.ProcessTerminationTimeout = null;
            }

            return await parse.InvokeAsync(configuration, ct);
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, ctx.Error);
        }
    }
}
