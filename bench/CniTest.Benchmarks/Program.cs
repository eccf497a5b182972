using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project bench/CniTest.Benchmarks -- --filter "*Validation*" [--job short]
// Runtime cost per plugin call (issue 14 part 2): ... -- --filter "*RuntimeOverhead*"
// CPU time per call of the runtime-overhead paths, readable on a loaded machine: ... -- --cpu [CALLS]
if (args.Length > 0 && args[0] == "--cpu")
{
    CniTest.Benchmarks.RuntimeOverheadBenchmarks.PrintCpuPerCall(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000, args.Length > 2 ? args[2] : null);
    return;
}

if (args.Length > 0 && args[0] == "--phases")
{
    CniTest.Benchmarks.RuntimePhases.Print(
        args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000, args.Length > 2 ? args[2] : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(CniTest.Benchmarks.ValidationBenchmarks).Assembly).Run(args);
