using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// The sessions of one server by id, and their count: a session is counted when its handshake
/// is admitted, findable once registered, and uncounted when forgotten.
/// </summary>
internal sealed class EngineIOSessionRegistry
{
    private readonly ConcurrentDictionary<string, EngineIOConnection> _sessions = new(StringComparer.Ordinal);
    private int _count; // admitted and not yet forgotten; kept alongside: ConcurrentDictionary.Count takes every lock

    /// <summary>Sessions admitted and not yet forgotten.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Every registered session, open or awaiting its final poll (a live view: no locks, no copy).</summary>
    public IEnumerable<EngineIOConnection> All
    {
        get
        {
            foreach (var pair in _sessions)
            {
                yield return pair.Value;
            }
        }
    }

    /// <summary>
    /// Counts a new session unless <paramref name="limit"/> are open: the check and the count are
    /// one step, so concurrent handshakes cannot overshoot the limit.
    /// </summary>
    public bool TryReserve(int limit)
    {
        var count = Volatile.Read(ref _count);
        while (count < limit)
        {
            var seen = Interlocked.CompareExchange(ref _count, count + 1, count);
            if (seen == count)
            {
                return true;
            }

            count = seen;
        }

        return false;
    }

    /// <summary>Gives back a reservation whose session was never registered.</summary>
    public void CancelReservation() => Interlocked.Decrement(ref _count);

    /// <summary>Makes a session findable; it was counted when admitted.</summary>
    public void Register(EngineIOConnection connection)
    {
        if (!_sessions.TryAdd(connection.Id, connection))
        {
            throw new InvalidOperationException("Session id collision."); // 120 random bits: never in practice
        }
    }

    public bool TryGet(string sid, [NotNullWhen(true)] out EngineIOConnection? connection) =>
        _sessions.TryGetValue(sid, out connection);

    /// <summary>Forgets the session and uncounts it, once: a later request with its id is refused as unknown.</summary>
    public void Forget(EngineIOConnection connection)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, EngineIOConnection>(connection.Id, connection)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Forgets the session after <paramref name="delay"/>.</summary>
    public async Task ForgetLaterAsync(EngineIOConnection connection, TimeSpan delay)
    {
        await Task.Delay(delay).ConfigureAwait(false);
        Forget(connection);
    }
}
