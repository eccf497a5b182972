using BenchmarkDotNet.Running;

// Run: dotnet run -c Release --project bench/CniTest.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(CniTest.Benchmarks.ValidationBenchmarks).Assembly).Run(args);
