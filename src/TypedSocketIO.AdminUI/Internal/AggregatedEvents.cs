using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// Counts of what happened, per second, as Node's package aggregates them for the dashboard's
/// charts: <c>rawConnection</c>, <c>rawDisconnection</c> (with the reason as sub-type),
/// <c>packetsIn</c>/<c>packetsOut</c> and <c>bytesIn</c>/<c>bytesOut</c>. Counting is lock-free
/// (it runs for every packet); each stats message takes the seconds that are over.
/// </summary>
internal sealed class AggregatedEvents(TimeProvider time)
{
    private readonly ConcurrentDictionary<Key, StrongBox<long>> _counts = new();

    public void Add(string type, string? subType = null, long count = 1)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var box = _counts.GetOrAdd(new Key(now - (now % 1000), type, subType), static _ => new StrongBox<long>());
        Interlocked.Add(ref box.Value, count);
    }

    /// <summary>
    /// Writes and forgets the counts of the seconds before the current one, as
    /// <c>[{timestamp, type, subType?, count}]</c>. The current second stays for the next message:
    /// a count still being added to it is never lost.
    /// </summary>
    public void WriteCompletedAndClear(Utf8JsonWriter json)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var currentSecond = now - (now % 1000);
        json.WriteStartArray();
        foreach (var (key, _) in _counts)
        {
            if (key.Timestamp >= currentSecond || !_counts.TryRemove(key, out var box))
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteNumber("timestamp"u8, key.Timestamp);
            json.WriteString("type"u8, key.Type);
            if (key.SubType is not null)
            {
                json.WriteString("subType"u8, key.SubType);
            }

            json.WriteNumber("count"u8, Interlocked.Read(ref box.Value));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>Forgets the counts of the seconds before the current one.</summary>
    public void ClearCompleted()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (key, _) in _counts)
        {
            if (key.Timestamp < now - (now % 1000))
            {
                _counts.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Key(long Timestamp, string Type, string? SubType);
}
