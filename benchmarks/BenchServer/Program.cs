using System.Globalization;
using TypedSocketIO;
using TypedSocketIO.Benchmarks.Server;

// The TypedSocketIO benchmark server: `/` served by the generated BenchNamespace, logging off.
// Usage: BenchServer --urls http://127.0.0.1:5101
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddSocketIO(options =>
{
    // A broadcast to 1000 receivers queues up to (window × payload) per receiver; a slow
    // receiver must not be dropped during a throughput run.
    options.EngineIO.MaxBufferedBytes = 256L * 1024 * 1024;
}).AddNamespace<BenchNamespace>();

var app = builder.Build();
app.MapSocketIO();

// Benchmark-only endpoints, outside /socket.io/: process statistics and a full collection
// (the harness asks every server for both, so idle memory is compared after a GC everywhere).
app.MapGet("/bench/stats", () => Results.Text(BenchStats.Json(), "application/json"));
app.MapGet("/bench/gc", () =>
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    return Results.Text(BenchStats.Json(), "application/json");
});

app.Run();

/// <summary>What the harness reads from a .NET server besides /proc: allocations and collections.</summary>
internal static class BenchStats
{
    public static string Json() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"allocatedBytes\":{GC.GetTotalAllocatedBytes(precise: false)},\"heapBytes\":{GC.GetTotalMemory(false)},\"gen0\":{GC.CollectionCount(0)},\"gen1\":{GC.CollectionCount(1)},\"gen2\":{GC.CollectionCount(2)},\"threads\":{ThreadPool.ThreadCount},\"committedBytes\":{GC.GetGCMemoryInfo().TotalCommittedBytes},\"fragmentedBytes\":{GC.GetGCMemoryInfo().FragmentedBytes}}}");
}
