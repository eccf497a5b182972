using System.CommandLine;
using CniTest.Harness.Config;
using CniTest.Harness.Errors;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Harness.Schemas;

namespace CniTest.Cli.Commands;

/// <summary>
/// <c>validate &lt;file|dir&gt;</c>: checks configs without attaching anything (cni#523): JSON errors with their
/// position, schema violations, name rules, duplicate network names, plugin binaries missing on CNI_PATH,
/// versions a plugin does not support (asked through VERSION) and capabilities. Exit 0 valid, 1 not, 2 usage.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext ctx)
    {
        var target = new Argument<string>("path") { Description = "A .conflist/.conf/.json file, or a directory of them" };
        var cniPath = new Option<string?>("--cni-path") { Description = "Plugin directories, ':'-separated [env CNI_PATH]" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only warnings and errors" };
        var command = new Command("validate", "Check network configuration files without running ADD") { target, cniPath, quiet };
        command.SetAction(async (parse, ct) =>
        {
            var path = ctx.FullPath(parse.GetValue(target)!);
            var searchPath = PluginLocator.SplitPath(parse.GetValue(cniPath) ?? ctx.Env("CNI_PATH")).Select(ctx.FullPath).ToList();
            var loaded = Directory.Exists(path) ? ConfigLoader.LoadAll(path)
                : File.Exists(path) ? [Load(path)]
                : throw new UsageException($"no such file or directory: {path}");
            if (loaded.Count == 0)
            {
                throw new UsageException($"no .conflist, .conf or .json files in {path}");
            }

            if (searchPath.Count == 0)
            {
                ctx.Error.WriteLine("cnitest: CNI_PATH is not set: plugin binaries and versions cannot be checked (use --cni-path)");
            }

            var printer = new FindingPrinter(ctx.Out, parse.GetValue(quiet));
            var runtime = new CniRuntime(new RuntimeOptions
            {
                PluginPath = searchPath,
                Executor = ctx.Executor ?? new ProcessPluginExecutor(),
                Timeout = TimeSpan.FromSeconds(10),
            });
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in loaded)
            {
                printer.File(file.Path);
                if (file.Error is not null)
                {
                    printer.Add(new ValidationFinding(FindingSeverity.Error, "", file.Error.Message.Replace(file.Path + ": ", "")));
                    continue;
                }

                var list = file.List!;
                if (seen.TryGetValue(list.Name, out var first))
                {
                    printer.Add(new ValidationFinding(FindingSeverity.Error, list.Name,
                        $"duplicate network name \"{list.Name}\": {first} is found first by lookup, this file is never used"));
                }
                else
                {
                    seen[list.Name] = file.Path;
                }

                foreach (var f in SchemaFindings.For(list))
                {
                    printer.Add(f);
                }

                if (searchPath.Count > 0)
                {
                    foreach (var f in await runtime.ValidateNetworkListAsync(list, ct))
                    {
                        printer.Add(f);
                    }
                }
            }

            printer.Summary();
            return printer.Errors > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }

    private static LoadedConfig Load(string path)
    {
        try
        {
            return new LoadedConfig(path, ConfigLoader.LoadFile(path), null);
        }
        catch (ConfigException e)
        {
            return new LoadedConfig(path, null, e);
        }
    }
}
