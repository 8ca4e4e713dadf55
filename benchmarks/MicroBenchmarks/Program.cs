using BenchmarkDotNet.Running;
using TypedSocketIO.Benchmarks.Micro;

// BenchmarkDotNet micro-benchmarks. Examples:
//   dotnet run -c Release -- --filter '*' --inProcess --job short
//   dotnet run -c Release -- --verify        (the synthetic generator project compiles; what an edit recomputes)
if (args.Contains("--verify"))
{
    Console.WriteLine(GeneratorBenchmarks.Verify());
    Console.Write(GeneratorBenchmarks.Steps());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
