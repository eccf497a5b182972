using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using CniTest.Harness.Cache;
using CniTest.Harness.Config;
using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;
using CniTest.Harness.Results;
using CniTest.Harness.Schemas;

namespace CniTest.Benchmarks;

/// <summary>
/// Where the runtime's own time per ADD goes, step by step (<c>-- --phases [N]</c>): each piece of
/// <see cref="CniRuntime.TraceAddAsync"/> run alone in a loop, CPU time per call. The pieces are measured apart, so
/// their sum is only close to the whole; the whole is measured too.
/// </summary>
internal static class RuntimePhases
{
    public static void Print(int calls, string? only = null)
    {
        var dir = Directory.CreateTempSubdirectory("cnitest-phases-").FullName;
        try
        {
            Run(dir, calls, only);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Run(string dir, int calls, string? only)
    {
        var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "trivial"), "");
        var conflist = Path.Combine(dir, "bench.conflist");
        File.WriteAllText(conflist, """{"cniVersion":"1.0.0","name":"bench","plugins":[{"type":"trivial"}]}""");
        var list = ConfigLoader.LoadFile(conflist);
        var plugin = list.Plugins[0];
        var rt = new RuntimeConf("bench-container", "/run/netns/bench", "eth0");
        var stdout = Encoding.UTF8.GetBytes(RuntimeOverheadBenchmarks.ResultText);
        var options = new RuntimeOptions { PluginPath = [bin], CacheDirectory = Path.Combine(dir, "cache") };
        var runtime = new CniRuntime(options);
        var stdin = RequestBuilder.Encode(RequestBuilder.ForAttachment(list, plugin, "1.0.0", rt, null, false));
        var request = runtime.CreateRequest(CniCommand.Add, rt, stdin);
        var record = new InvocationRecord
        {
            PluginPath = Path.Combine(bin, "trivial"),
            Command = CniCommand.Add,
            Environment = request.RenderCniVariables(),
            Stdin = stdin,
            Stdout = stdout,
            Stderr = [],
            ExitCode = 0,
        };
        var result = PluginInvoker.ParseResult("trivial", record, "1.0.0");
        var cache = new ResultCache(Path.Combine(dir, "cache2"));
        var entry = new CachedAttachment
        {
            ContainerId = rt.ContainerId, IfName = rt.IfName, NetworkName = list.Name, Config = list.Bytes, Netns = rt.Netns,
            CniArgs = rt.Args, Result = result.ToJson(),
        };
        var document = JsonNode.Parse(stdout);
        var fixedExec = new FixedOutputExecutor(stdout);
        var contract = new ContractObserver();
        RuntimeOptions Alone(string cache, bool observe) => options with
        {
            Executor = fixedExec,
            CacheDirectory = cache.Length == 0 ? null : Path.Combine(dir, cache),
            Observers = observe ? [contract] : [],
        };
        var whole = new CniRuntime(Alone("cache3", true));
        var noContract = new CniRuntime(Alone("cache4", false));
        var noCache = new CniRuntime(Alone("", true));
        var bare = new CniRuntime(Alone("", false));

        Console.WriteLine($"Runtime phases per ADD, {calls} calls each, load {RuntimeOverheadBenchmarks.Load()}:");
        Console.WriteLine($"  {"phase",-66} {"CPU µs",8} {"user",8} {"system",8} {"wall µs",8} {"bytes",8}");
        var n = 0;
        RuntimeConf Next() => rt with { ContainerId = $"bench-{++n:D6}" }; // a new cache entry per ADD, as in --cpu
        Measure("whole: TraceAddAsync, contract + cache (executor answers at once)", () => whole.TraceAddAsync(list, Next()).GetAwaiter().GetResult());
        Measure("  without the contract observer", () => noContract.TraceAddAsync(list, Next()).GetAwaiter().GetResult());
        Measure("  without the cache", () => noCache.TraceAddAsync(list, rt).GetAwaiter().GetResult());
        Measure("  without both", () => bare.TraceAddAsync(list, rt).GetAwaiter().GetResult());
        Measure("request: ForAttachment + Encode", () => RequestBuilder.Encode(RequestBuilder.ForAttachment(list, plugin, "1.0.0", rt, null, false)));
        Measure("locate: FindPlugin", () => runtime.FindPlugin("trivial"));
        Measure("names: NameValidation x3", () =>
        {
            NameValidation.ValidateContainerId(rt.ContainerId);
            NameValidation.ValidateNetworkName(list.Name);
            NameValidation.ValidateInterfaceName(rt.IfName);
        });
        Measure("env: CreateRequest + RenderCniVariables", () => runtime.CreateRequest(CniCommand.Add, rt, stdin).RenderCniVariables());
        Measure("request version: JsonNode.Parse(stdin)", () => JsonNode.Parse(stdin));
        Measure("contract: OutputContract.Check (schema included)", () => OutputContract.Check(record, "1.0.0"));
        Measure("  of which schema: SchemaValidator.Validate(node)", () => SchemaValidator.Validate(SchemaKind.Result, "1.0.0", document));
        Measure("classify: ThrowIfFailed", () => PluginInvoker.ThrowIfFailed("trivial", record));
        Measure("parse: PluginInvoker.ParseResult", () => PluginInvoker.ParseResult("trivial", record, "1.0.0"));
        Measure("cache: result.ToJson()", () => result.ToJson());
        Measure("cache: ResultCache.Write, a new entry", () => cache.Write(entry with { ContainerId = $"entry-{++n:D6}" }));
        Measure("cache: ResultCache.Write, replacing one entry", () => cache.Write(entry));
        var floor = Directory.CreateDirectory(Path.Combine(dir, "floor")).FullName;
        var bytes = new byte[600];
        Measure("fs floor: File.WriteAllBytes of 600 bytes to a new file", () => File.WriteAllBytes(Path.Combine(floor, $"f-{++n:D6}"), bytes));
        Measure("fs floor: File.WriteAllBytes of 600 bytes over one file", () => File.WriteAllBytes(Path.Combine(floor, "plain"), bytes));
        Console.WriteLine($"  (load now {RuntimeOverheadBenchmarks.Load()}; bytes: managed allocations per call)");

        void Measure(string name, Action call)
        {
            if (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            RuntimeOverheadBenchmarks.WarmUp(calls, call);
            var cost = RuntimeOverheadBenchmarks.Measure(calls, call);
            Console.WriteLine($"  {name,-66} {cost.CpuMs * 1000,8:F1} {cost.UserMs * 1000,8:F1} {(cost.CpuMs - cost.UserMs) * 1000,8:F1} {cost.WallMs * 1000,8:F1} {cost.Bytes,8}");
        }
    }
}
