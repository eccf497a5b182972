using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using CniTest.Harness.Config;
using CniTest.Harness.Contract;
using CniTest.Harness.Invocation;
using CniTest.Harness.Operations;

namespace CniTest.Benchmarks;

/// <summary>
/// The in-process runtime's own cost per plugin call (issue 14 part 2, target at most 0.3 ms): the same trivial plugin
/// (a static C program that prints a fixed 1.0.0 result; built with gcc at setup, a /bin/sh script without gcc)
/// called (1) as a bare <see cref="Process"/> with the request on stdin, (2) through <see cref="ProcessPluginExecutor"/>
/// alone, (3) through <see cref="CniRuntime.AddNetworkListAsync"/> with a cache directory: config, request building,
/// exec, result parsing, the output contract (schema included) and the cache write. (3) minus (1) is the runtime's
/// added time per call; on a loaded machine fork/exec jitter (±0.5 ms) swamps it, so (4) runs the same ADD through
/// the runtime with an executor that answers the plugin's fixed output at once: the runtime's own cost alone, with
/// nothing else in the measurement. No namespace is needed: the plugin touches nothing.
/// </summary>
[MemoryDiagnoser]
public class RuntimeOverheadBenchmarks
{
    private const string Result =
        """{"cniVersion":"1.0.0","interfaces":[{"name":"eth0","mac":"0a:86:a6:97:2b:62","sandbox":"/run/netns/bench"}],"ips":[{"interface":0,"address":"10.10.0.2/24","gateway":"10.10.0.1"}],"routes":[{"dst":"0.0.0.0/0"}],"dns":{}}""";

    private string _dir = null!;
    private string _plugin = null!;
    private byte[] _stdin = null!;
    private NetworkConfigList _list = null!;
    private CniRuntime _runtime = null!;
    private CniRuntime _runtimeNoExec = null!;
    private ProcessPluginExecutor _executor = null!;
    private InvocationRequest _request = null!;
    private readonly RuntimeConf _rt = new("bench-container", "/run/netns/bench", "eth0");
    private static readonly ContractObserver Contract = new();

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("cnitest-bench-").FullName;
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        _plugin = Path.Combine(bin, "trivial");
        BuildPlugin(_plugin);
        var conflist = Path.Combine(_dir, "bench.conflist");
        File.WriteAllText(conflist, """{"cniVersion":"1.0.0","name":"bench","plugins":[{"type":"trivial"}]}""");
        _list = ConfigLoader.LoadFile(conflist);
        _executor = new ProcessPluginExecutor();
        _runtime = new CniRuntime(new RuntimeOptions
        {
            PluginPath = [bin],
            CacheDirectory = Path.Combine(_dir, "cache"),
            Executor = _executor,
            Observers = [Contract],
        });
        _runtimeNoExec = new CniRuntime(new RuntimeOptions
        {
            PluginPath = [bin],
            CacheDirectory = Path.Combine(_dir, "cache-noexec"),
            Executor = new FixedOutputExecutor(Encoding.UTF8.GetBytes(Result)),
            Observers = [Contract],
        });
        _stdin = Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0","name":"bench","type":"trivial"}""");
        _request = _runtime.CreateRequest(CniCommand.Add, _rt, _stdin);
        // One call of each outside the measurement: the schema is parsed once per process, the plugin is paged in.
        if (DirectExec() != Result.Length || ThroughRuntime().GetAwaiter().GetResult() != 1 || RuntimeAlone().GetAwaiter().GetResult() != 1)
        {
            throw new InvalidOperationException("the trivial plugin must print its result");
        }

        if (Contract.Violations != 0)
        {
            throw new InvalidOperationException($"the trivial plugin's result must pass the output contract ({Contract.Violations} violations)");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [Benchmark(Baseline = true, Description = "bare Process exec (stdin in, stdout read)")]
    public int DirectExec()
    {
        var psi = new ProcessStartInfo(_plugin)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.Environment["CNI_COMMAND"] = "ADD";
        psi.Environment["CNI_CONTAINERID"] = _rt.ContainerId;
        psi.Environment["CNI_NETNS"] = _rt.Netns;
        psi.Environment["CNI_IFNAME"] = _rt.IfName;
        psi.Environment["CNI_PATH"] = Path.GetDirectoryName(_plugin);
        using var p = Process.Start(psi)!;
        p.StandardInput.BaseStream.Write(_stdin);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output.Trim().Length;
    }

    [Benchmark(Description = "ProcessPluginExecutor.ExecuteAsync")]
    public async Task<int> ThroughExecutor() => (await _executor.ExecuteAsync(_plugin, _request)).Stdout.Length;

    [Benchmark(Description = "CniRuntime.AddNetworkListAsync (contract + cache)")]
    public async Task<int> ThroughRuntime() => (await _runtime.AddNetworkListAsync(_list, _rt)).CniVersion == "1.0.0" ? 1 : 0;

    [Benchmark(Description = "CniRuntime.AddNetworkListAsync, executor answers at once (the runtime alone)")]
    public async Task<int> RuntimeAlone() => (await _runtimeNoExec.AddNetworkListAsync(_list, _rt)).CniVersion == "1.0.0" ? 1 : 0;

    /// <summary>
    /// CPU time per call of each path (this process's user+system, children excluded), for a loaded machine where
    /// BenchmarkDotNet's wall-clock numbers mostly measure the scheduler: <c>-- --cpu [N]</c>.
    /// </summary>
    public static void PrintCpuPerCall(int calls)
    {
        var b = new RuntimeOverheadBenchmarks();
        b.Setup();
        try
        {
            Console.WriteLine($"CPU per call, this process only (plugin processes excluded), {calls} calls each, load {File.ReadAllText("/proc/loadavg").Trim()}:");
            Measure("ProcessPluginExecutor.ExecuteAsync", () => b.ThroughExecutor().GetAwaiter().GetResult());
            Measure("CniRuntime.AddNetworkListAsync (contract + cache)", () => b.ThroughRuntime().GetAwaiter().GetResult());
            Measure("CniRuntime.AddNetworkListAsync, no exec (the runtime alone)", () => b.RuntimeAlone().GetAwaiter().GetResult());
        }
        finally
        {
            b.Cleanup();
        }

        void Measure(string name, Action call)
        {
            for (var i = 0; i < calls / 10; i++)
            {
                call(); // warm-up: tiered JIT reaches its optimised code
            }

            var me = Process.GetCurrentProcess();
            var cpu = me.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < calls; i++)
            {
                call();
            }

            me.Refresh();
            Console.WriteLine($"  {name}: {(me.TotalProcessorTime - cpu).TotalMilliseconds / calls:F3} ms CPU, {wall.Elapsed.TotalMilliseconds / calls:F3} ms wall");
        }
    }

    /// <summary>The output contract on every call, as <c>cnitest add</c>'s ContractReporter runs it (R27, P14).</summary>
    private sealed class ContractObserver : IInvocationObserver
    {
        public int Violations { get; private set; }

        public void OnInvocation(InvocationRecord record, string pluginType, string requestCniVersion) =>
            Violations += OutputContract.Check(record, requestCniVersion).Count;
    }

    /// <summary>Answers every call with the trivial plugin's output without starting anything.</summary>
    private sealed class FixedOutputExecutor(byte[] stdout) : IPluginExecutor
    {
        public Task<InvocationRecord> ExecuteAsync(string pluginPath, InvocationRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(new InvocationRecord
            {
                PluginPath = pluginPath,
                Command = request.Command,
                Environment = request.RenderCniVariables(),
                Stdin = request.Stdin,
                Stdout = request.Command == CniCommand.Add ? stdout : [],
                Stderr = [],
                ExitCode = 0,
            });
    }

    private static void BuildPlugin(string path)
    {
        var escaped = Result.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var c = $$"""
            #include <string.h>
            #include <unistd.h>
            int main(void) { static const char r[] = "{{escaped}}\n"; char b[4096]; while (read(0, b, sizeof b) > 0) {} return write(1, r, sizeof r - 1) < 0; }
            """;
        File.WriteAllText(path + ".c", c);
        try
        {
            using var gcc = Process.Start("gcc", ["-O2", "-static", "-o", path, path + ".c"]);
            gcc.WaitForExit();
            if (gcc.ExitCode == 0)
            {
                return;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // no gcc: the shell script below
        }

        File.WriteAllText(path, $"#!/bin/sh\ncat >/dev/null\nprintf '%s\\n' '{Result}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
