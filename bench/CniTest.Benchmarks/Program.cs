using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project bench/CniTest.Benchmarks -- --filter "*Validation*" [--job short]
// Runtime cost per plugin call (issue 14 part 2), BenchmarkDotNet's table with an "Added vs direct (ms)" column:
//   ... -- --filter "*RuntimeOverhead*" --inProcess
// The same figure as CPU (user/system) and wall ms per call with the load, readable on a loaded machine:
//   ... -- --cpu [CALLS] [direct,executor,runtime,alone,file]
// Where the runtime's own time goes, step by step: ... -- --phases [CALLS] [NAME-FILTER]
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
