using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using TypedSocketIO;
using TypedSocketIO.Benchmarks.Soak;

// The soak server: `/` served by the generated SoakNamespace, logging at Warning.
// Usage: SoakServer --urls http://127.0.0.1:5310
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<SoakCounters>();
var fault = new SoakFault(builder.Configuration["fault"]);
builder.Services.AddSingleton(fault);
builder.Services.AddSocketIO(options =>
{
    // A shorter heartbeat than the default 25 s, so every connection answers several pings in a run.
    options.EngineIO.PingInterval = TimeSpan.FromSeconds(10);
    options.EngineIO.PingTimeout = TimeSpan.FromSeconds(20);
}).AddNamespace<SoakNamespace>();

var app = builder.Build();
if (fault.Kind is { } kind)
{
    app.Logger.LogWarning("Soak server with a deliberate fault: {Fault}", kind);
}

app.MapSocketIO();

// Soak-only endpoints, outside /socket.io/: the server's own view (sessions, sockets, rooms,
// handler counts, managed heap), and a full collection to see what is still retained.
var server = app.Services.GetRequiredService<SocketIOServer>();
var counters = app.Services.GetRequiredService<SoakCounters>();
app.MapGet("/soak/stats", () => Results.Text(counters.Json(server), "application/json"));
app.MapGet("/soak/gc", () =>
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    return Results.Text(counters.Json(server), "application/json");
});

app.Run();

/// <summary>What the server counted, read by the soak client at the end.</summary>
public sealed class SoakCounters
{
#pragma warning disable SA1401 // Interlocked needs fields.
    public long Connects;
    public long Disconnects;
    public long Echoes;
    public long Says;
    public long Joins;
    public long Leaves;
#pragma warning restore SA1401

    private readonly ConcurrentDictionary<DisconnectReason, long> _reasons = new();

    public void CountReason(DisconnectReason reason) => _reasons.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    public string Json(SocketIOServer server)
    {
        var ns = server.MainNamespace;
        var rooms = ns.Adapter is InMemoryAdapter memory ? memory.RoomCount : -1;
        var reasons = new StringBuilder();
        foreach (var (reason, count) in _reasons.OrderBy(pair => pair.Key.ToString(), StringComparer.Ordinal))
        {
            reasons.Append(reasons.Length == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"\"{reason}\":{count}");
        }

        var info = GC.GetGCMemoryInfo();
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"sessions\":{server.ConnectionCount},\"sockets\":{ns.SocketsById.Count},\"rooms\":{rooms},\"connects\":{Volatile.Read(ref Connects)},\"disconnects\":{Volatile.Read(ref Disconnects)},\"echoes\":{Volatile.Read(ref Echoes)},\"says\":{Volatile.Read(ref Says)},\"joins\":{Volatile.Read(ref Joins)},\"leaves\":{Volatile.Read(ref Leaves)},\"reasons\":{{{reasons}}},\"heapBytes\":{GC.GetTotalMemory(false)},\"lohBytes\":{info.GenerationInfo[3].SizeAfterBytes},\"pohBytes\":{info.GenerationInfo[4].SizeAfterBytes},\"committedBytes\":{info.TotalCommittedBytes},\"gcPauseMs\":{GC.GetTotalPauseDuration().TotalMilliseconds:F0},\"serverGC\":{(System.Runtime.GCSettings.IsServerGC ? "true" : "false")},\"gen0\":{GC.CollectionCount(0)},\"gen1\":{GC.CollectionCount(1)},\"gen2\":{GC.CollectionCount(2)},\"threads\":{ThreadPool.ThreadCount}}}");
    }
}
