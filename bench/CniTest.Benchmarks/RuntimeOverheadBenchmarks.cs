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
/// nothing else in the measurement. No namespace is needed: the plugin touches nothing. Every runtime ADD is for a new
/// container id, so it writes a new cache entry as a runtime's ADD does.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(AddedTimeColumn.Config))]
public class RuntimeOverheadBenchmarks
{
    internal const string ResultText =
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
    private int _attachments;
    private static readonly ContractObserver Contract = new();

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("cnitest-bench-").FullName;
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        Directory.CreateDirectory(Path.Combine(_dir, "floor"));
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
            Executor = new FixedOutputExecutor(Encoding.UTF8.GetBytes(ResultText)),
            Observers = [Contract],
        });
        _stdin = Encoding.UTF8.GetBytes("""{"cniVersion":"1.0.0","name":"bench","type":"trivial"}""");
        _request = _runtime.CreateRequest(CniCommand.Add, _rt, _stdin);
        // One call of each outside the measurement: the schema is parsed once per process, the plugin is paged in.
        if (DirectExec() != ResultText.Length || ThroughRuntime().GetAwaiter().GetResult() != 1 || RuntimeAlone().GetAwaiter().GetResult() != 1)
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
    public async Task<int> ThroughRuntime() => (await _runtime.AddNetworkListAsync(_list, NextAttachment())).CniVersion == "1.0.0" ? 1 : 0;

    [Benchmark(Description = "CniRuntime.AddNetworkListAsync, executor answers at once (the runtime alone)")]
    public async Task<int> RuntimeAlone() => (await _runtimeNoExec.AddNetworkListAsync(_list, NextAttachment())).CniVersion == "1.0.0" ? 1 : 0;

    /// <summary>
    /// What creating one new file of a cache entry's size costs on the same file system, and nothing else: the floor of
    /// any runtime's cache write (libcni's <c>os.WriteFile</c> creates one too), to read the cache's share beside.
    /// </summary>
    private void NewFile() => File.WriteAllBytes(Path.Combine(_dir, "floor", $"f-{++_files:D6}"), _entryBytes);

    private int _files;
    private readonly byte[] _entryBytes = new byte[450];

    /// <summary>
    /// Each ADD is for a new container, as a runtime's ADDs are: it writes a new cache entry (R37), where the same id
    /// every time would replace one entry over and over, a case a runtime meets only when it repeats an ADD without
    /// DEL (and whose rename over an existing file costs the filesystem more: see <c>--phases</c>).
    /// </summary>
    private RuntimeConf NextAttachment() => _rt with { ContainerId = $"bench-{++_attachments:D6}" };

    /// <summary>
    /// The issue's figure for a loaded machine, where BenchmarkDotNet's wall-clock numbers mostly measure the scheduler
    /// (<c>-- --cpu [N] [paths]</c>): CPU time of this process (user+system, all its threads; the plugin processes' own
    /// CPU is not counted, and is the same on both paths) and wall time per call. The paths take turns in
    /// <see cref="Rounds"/> rounds of N/rounds calls, so a burst of load from elsewhere hits them alike, and each figure
    /// is the median over the rounds; "added by the runtime" is the median of (through the runtime - direct exec) per
    /// round. The load is printed beside them.
    /// </summary>
    public static void PrintCpuPerCall(int calls, string? only = null)
    {
        var b = new RuntimeOverheadBenchmarks();
        b.Setup();
        try
        {
            (string Key, string Name, Action Call)[] paths =
            [
                ("direct", "direct exec: bare Process, request on stdin, stdout read", () => b.DirectExec()),
                ("executor", "ProcessPluginExecutor.ExecuteAsync (exec as the runtime does it)", () => b.ThroughExecutor().GetAwaiter().GetResult()),
                ("runtime", "through the runtime: AddNetworkListAsync, contract + cache", () => b.ThroughRuntime().GetAwaiter().GetResult()),
                ("alone", "the runtime alone (same ADD, executor answers at once)", () => b.RuntimeAlone().GetAwaiter().GetResult()),
                ("file", "file-system floor: File.WriteAllBytes of the entry to a new file", () => b.NewFile()),
            ];
            paths = [.. paths.Where(p => only is null || only.Split(',').Contains(p.Key))];
            var load = Load();
            foreach (var path in paths)
            {
                WarmUp(calls, path.Call);
            }

            var costs = paths.ToDictionary(p => p.Key, _ => new List<Cost>());
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var path in paths)
                {
                    costs[path.Key].Add(Measure(Math.Max(1, calls / Rounds), path.Call));
                }
            }

            Console.WriteLine($"Runtime overhead per plugin call (issue 14 part 2, target <= 0.3 ms), {calls} calls per path in {Rounds} rounds, " +
                $"load {load} -> {Load()} ({Environment.ProcessorCount} CPUs):");
            Console.WriteLine($"  {"path (median over the rounds)",-68} {"CPU ms",8} {"user",8} {"system",8} {"wall ms",8} {"B/call",8} {"JIT ms*",8}");
            foreach (var path in paths)
            {
                Line(path.Name, costs[path.Key]);
                if (path.Key == "runtime" && costs.TryGetValue("direct", out var direct))
                {
                    Line("ADDED BY THE RUNTIME per call = through the runtime - direct exec", [.. costs["runtime"].Zip(direct, (r, d) => r - d)]);
                }
            }

            Console.WriteLine("  CPU = user + system, this process only (plugin processes excluded); user: our code; system: the kernel's work for");
            Console.WriteLine("  us (fork/exec, pipes, creating the cache file: on ext4 a new inode, whose cost varies with the disk's traffic);");
            Console.WriteLine("  wall: elapsed per call, swayed by the load;");
            Console.WriteLine("  *JIT: compilation time in all the measured windows together (near 0 when the warm-up sufficed).");
        }
        finally
        {
            b.Cleanup();
        }

        static void Line(string name, List<Cost> c) => Console.WriteLine(
            $"  {name,-68} {Median(c, x => x.CpuMs),8:F3} {Median(c, x => x.UserMs),8:F3} {Median(c, x => x.CpuMs - x.UserMs),8:F3} " +
            $"{Median(c, x => x.WallMs),8:F3} {Median(c, x => x.Bytes),8:F0} {c.Sum(x => x.JitMs),8:F1}");

        static double Median(List<Cost> c, Func<Cost, double> of)
        {
            var v = c.Select(of).Order().ToArray();
            return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
        }
    }

    /// <summary>How many turns the paths take in <c>--cpu</c>.</summary>
    private const int Rounds = 5;

    /// <summary>
    /// Tiered JIT compiles hot methods again, optimised, on a background thread (after 30 calls and a 100 ms quiet
    /// spell; up to a second of compilation for the runtime's path on a loaded machine). Calls until a round of calls
    /// compiles nothing new, so that compilation stays out of the measured windows.
    /// </summary>
    internal static void WarmUp(int calls, Action call)
    {
        var rounds = 0;
        long compiled;
        do
        {
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            for (var i = 0; i < Math.Max(100, calls / 10); i++)
            {
                call();
            }

            Thread.Sleep(500);
        }
        while (System.Runtime.JitInfo.GetCompiledMethodCount() != compiled && ++rounds < 20);
    }

    /// <summary>CPU and wall time, JIT time and allocations per call of <paramref name="call"/> (warm it up first).</summary>
    internal static Cost Measure(int calls, Action call)
    {
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var me = Process.GetCurrentProcess();
        var (cpu, user) = (me.TotalProcessorTime, me.UserProcessorTime);
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            call();
        }

        wall.Stop();
        me.Refresh();
        return new Cost((me.TotalProcessorTime - cpu).TotalMilliseconds / calls, (me.UserProcessorTime - user).TotalMilliseconds / calls,
            wall.Elapsed.TotalMilliseconds / calls,
            (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / calls);
    }

    /// <summary>Milliseconds per call.</summary>
    /// <param name="CpuMs">CPU time per call (user + system).</param>
    /// <param name="UserMs">User-mode CPU time per call: the process's own code; the rest is the kernel's (exec, pipes, files).</param>
    /// <param name="WallMs">Wall time per call.</param>
    /// <param name="JitMs">JIT compilation during the whole measured window (should be ~0 after the warm-up).</param>
    /// <param name="Bytes">Managed bytes allocated per call (all threads).</param>
    internal readonly record struct Cost(double CpuMs, double UserMs, double WallMs, double JitMs, long Bytes)
    {
        public static Cost operator -(Cost a, Cost b) =>
            new(a.CpuMs - b.CpuMs, a.UserMs - b.UserMs, a.WallMs - b.WallMs, a.JitMs + b.JitMs, a.Bytes - b.Bytes);
    }

    /// <summary>The load averages (1, 5, 15 min) from /proc/loadavg, to print beside every figure.</summary>
    internal static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static void BuildPlugin(string path)
    {
        var escaped = ResultText.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
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

        File.WriteAllText(path, $"#!/bin/sh\ncat >/dev/null\nprintf '%s\\n' '{ResultText}'\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
