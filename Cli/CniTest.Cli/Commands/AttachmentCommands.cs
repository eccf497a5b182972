using System.CommandLine;
using System.Text.Json;
using CniTest.Harness.Config;
using CniTest.Harness.Operations;
using CniTest.Harness.Versioning;

namespace CniTest.Cli.Commands;

/// <summary>
/// <c>add | check | del | gc | status &lt;network&gt; &lt;netns&gt;</c>, cnitool-compatible (checklist §4.1):
/// the network is looked up by name in NETCONFPATH, the container id is derived from the netns path, and
/// <c>add</c> prints the final result as 4-space-indented JSON in the version the plugin returned.
/// </summary>
internal static class AttachmentCommands
{
    public static IEnumerable<Command> Create(CliContext ctx)
    {
        yield return Build(ctx, "add", "Attach a network namespace to a network (ADD over the list) and print the result", Add);
        yield return Build(ctx, "check", "Verify an attachment (CHECK over the list, with the cached result; spec >= 0.4.0)", Check);
        yield return Build(ctx, "del", "Detach a network namespace (DEL over the list in reverse order); safe to repeat", Del);
        yield return BuildGc(ctx);
        yield return Build(ctx, "status", "Ask every plugin of the network whether it can serve ADD (STATUS; spec >= 1.1.0)", Status);
    }

    private delegate Task Operation(CniRuntime runtime, NetworkConfigList list, RuntimeConf rt, ParseResult parse, CliContext ctx, CancellationToken ct);

    private static Command Build(CliContext ctx, string name, string description, Operation operation, Action<Command>? extend = null)
    {
        var network = new Argument<string>("network") { Description = "Network name (the \"name\" in a config file in NETCONFPATH)" };
        var netns = new Argument<string>("netns") { Description = "Network namespace path, e.g. /run/netns/NAME (made absolute; not required to exist for del)" };
        var options = new CommonOptions();
        var record = new RecordOptions();
        var command = new Command(name, description) { network, netns };
        foreach (var o in options.All.Concat(record.All))
        {
            command.Options.Add(o);
        }

        extend?.Invoke(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = AttachmentSettings.Resolve(parse, options, ctx);
            var list = ConfigLoader.LoadByName(settings.NetConfPath, parse.GetValue(network)!);
            var netnsPath = ctx.FullPath(parse.GetValue(netns)!);
            if (name is "add" or "check")
            {
                RequireNetnsFile(netnsPath, ctx);
            }

            var rt = new RuntimeConf(settings.ContainerId ?? ContainerIds.FromNetnsPath(netnsPath), netnsPath, settings.IfName)
            {
                Args = settings.CniArgs,
                CapabilityArgs = settings.CapabilityArgs,
            };
            var recorder = record.Open(parse, ctx, append: true)?.ForCliCommand(name);
            var runtime = settings.CreateRuntime(ctx, recorder is null
                ? [new ContractReporter(ctx.Error)]
                : [new ContractReporter(ctx.Error), recorder.ObserverFor(settings.HostNetns)]);
            var outcome = "failed";
            try
            {
                await operation(runtime, list, rt, parse, ctx, ct);
                outcome = "succeeded";
            }
            finally
            {
                recorder?.Complete(outcome);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// ADD and CHECK need the namespace (del does not: DEL must succeed when the namespace is already gone, P27). Without this a
    /// missing path reached the plugin, and a plugin that does not open it (or a chain of them) "succeeded".
    /// </summary>
    private static void RequireNetnsFile(string path, CliContext ctx)
    {
        if (ctx.IsNetworkNamespace(path))
        {
            return;
        }

        if (Directory.Exists(path))
        {
            throw new UsageException($"netns {path} is a directory, not a network namespace file (e.g. /run/netns/NAME)");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"netns {path} does not exist (create one with 'ip netns add NAME', then use /run/netns/NAME)");
        }

        throw new UsageException($"netns {path} is not a network namespace (a pin such as /run/netns/NAME or /proc/PID/ns/net)");
    }

    private static async Task Add(CniRuntime runtime, NetworkConfigList list, RuntimeConf rt, ParseResult parse, CliContext ctx, CancellationToken ct)
    {
        var result = await runtime.AddNetworkListAsync(list, rt, ct);
        ctx.Out.WriteLine(result.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 4 }));
    }

    private static Task Check(CniRuntime runtime, NetworkConfigList list, RuntimeConf rt, ParseResult parse, CliContext ctx, CancellationToken ct) =>
        runtime.CheckNetworkListAsync(list, rt, ct);

    private static Task Del(CniRuntime runtime, NetworkConfigList list, RuntimeConf rt, ParseResult parse, CliContext ctx, CancellationToken ct) =>
        runtime.DelNetworkListAsync(list, rt, ct);

    private static Task Status(CniRuntime runtime, NetworkConfigList list, RuntimeConf rt, ParseResult parse, CliContext ctx, CancellationToken ct)
    {
        if (!SpecVersions.HasStatus(list.CniVersion))
        {
            // R35: libcni answers success without asking anyone; say so rather than imply the plugins were asked.
            ctx.Error.WriteLine($"cnitest: network \"{list.Name}\" is version {list.CniVersion}: STATUS exists from 1.1.0, no plugin was asked");
        }

        return runtime.StatusNetworkListAsync(list, ct);
    }

    private static Command BuildGc(CliContext ctx)
    {
        var valid = new Option<string[]>("--valid")
        {
            Description = "An attachment to keep, as CONTAINERID/IFNAME; repeat for each. Without any, every cached attachment " +
                          "of the network is deleted and plugins get GC with no valid list, exactly as cnitool does",
            AllowMultipleArgumentsPerToken = false,
        };
        return Build(ctx, "gc", "Garbage-collect: DEL stale cached attachments, then GC every plugin (spec >= 1.1.0 for plugin GC)",
            (runtime, list, rt, parse, c, ct) => runtime.GcNetworkListAsync(list, ToGcArgs(parse.GetValue(valid)), ct),
            command => command.Options.Add(valid));
    }

    private static GcArgs? ToGcArgs(string[]? valid)
    {
        if (valid is null || valid.Length == 0)
        {
            return null;
        }

        return new GcArgs(valid.Select(v =>
        {
            var slash = v.LastIndexOf('/');
            if (slash <= 0 || slash == v.Length - 1)
            {
                throw new UsageException($"--valid \"{v}\" must be CONTAINERID/IFNAME");
            }

            return new GcAttachment(v[..slash], v[(slash + 1)..]);
        }).ToList());
    }
}
