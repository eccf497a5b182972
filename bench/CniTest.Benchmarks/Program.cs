using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project bench/CniTest.Benchmarks -- --filter "*Validation*" [--job short]
// Runtime cost per plugin call (issue 14 part 2): ... -- --filter "*RuntimeOverhead*"
BenchmarkSwitcher.FromAssembly(typeof(CniTest.Benchmarks.ValidationBenchmarks).Assembly).Run(args);
