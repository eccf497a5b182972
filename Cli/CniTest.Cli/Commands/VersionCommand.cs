using System.CommandLine;
using System.Text.Json.Nodes;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;

namespace CniTest.Cli.Commands;

/// <summary><c>version &lt;plugin&gt;</c>: what a plugin says it supports (cnitool has no such verb, cni#436).</summary>
internal static class VersionCommand
{
    public static Command Create(CliContext ctx)
    {
        var plugin = new Argument<string>("plugin") { Description = "A plugin type looked up on CNI_PATH, or a path to a plugin binary" };
        var cniPath = new Option<string?>("--cni-path") { Description = "Plugin directories, ':'-separated [env CNI_PATH]" };
        var json = new Option<bool>("--json") { Description = "Print the plugin's VERSION reply as JSON instead of a sentence" };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds the call may take [default 10]" };
        var command = new Command("version", "Ask a plugin which CNI spec versions it supports (VERSION)") { plugin, cniPath, json, timeout };
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(plugin)!;
            var callTimeout = parse.GetValue(timeout) is { } seconds ? TimeoutOption.ToTimeSpan(seconds) : TimeSpan.FromSeconds(10);
            if (name.Length == 0)
            {
                throw new UsageException("the plugin name is empty");
            }

            var searchPath = PluginLocator.SplitPath(parse.GetValue(cniPath) ?? ctx.Env("CNI_PATH")).Select(ctx.FullPath).ToList();
            string path;
            if (name.Contains('/'))
            {
                path = ctx.FullPath(name);
                if (!File.Exists(path))
                {
                    throw new UsageException($"no plugin binary at {path}");
                }

                if ((File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
                {
                    throw new UsageException($"{path} is not executable (chmod +x it)");
                }
            }
            else
            {
                path = PluginLocator.Find(name, searchPath);
            }

            var invoker = new PluginInvoker(ctx.Executor ?? new ProcessPluginExecutor(), [new ContractReporter(ctx.Error)]);
            var info = await invoker.GetVersionInfoAsync(Path.GetFileName(path), path,
                timeout: callTimeout, ct: ct);
            if (parse.GetValue(json))
            {
                ctx.Out.WriteLine(new JsonObject
                {
                    ["cniVersion"] = info.CniVersion,
                    ["supportedVersions"] = new JsonArray(info.SupportedVersions.Select(v => (JsonNode)v).ToArray()),
                }.ToJsonString());
            }
            else
            {
                ctx.Out.WriteLine($"{Path.GetFileName(path)} ({path}) supports: {string.Join(", ", info.SupportedVersions)}");
                ctx.Out.WriteLine($"VERSION reply cniVersion: {info.CniVersion}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
