using System.Collections.Concurrent;
using System.Net;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// Counts handshakes per client address in one-second windows. The table is swept as windows
/// pass, so addresses that stop connecting cost nothing.
/// </summary>
internal sealed class HandshakeRateLimiter(int perSecond)
{
    private readonly ConcurrentDictionary<IPAddress, Window> _windows = new();
    private long _lastSweep = Environment.TickCount64;

    public bool TryAcquire(IPAddress? address)
    {
        var now = Environment.TickCount64;
        SweepIfDue(now);
        var window = _windows.GetOrAdd(address ?? IPAddress.None, static (_, start) => new Window(start), now);
        lock (window)
        {
            if (now - window.Start >= 1000)
            {
                window.Start = now;
                window.Count = 0;
            }

            return ++window.Count <= perSecond;
        }
    }

    private void SweepIfDue(long now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (now - last < 10_000 || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (address, window) in _windows)
        {
            if (now - window.Start >= 1000)
            {
                _windows.TryRemove(new KeyValuePair<IPAddress, Window>(address, window));
            }
        }
    }

    private sealed class Window(long start)
    {
        public long Start { get; set; } = start;

        public int Count { get; set; }
    }
}
