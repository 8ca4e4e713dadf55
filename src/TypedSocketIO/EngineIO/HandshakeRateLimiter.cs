using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// Counts handshakes per client in one-second windows. The table is swept as windows pass, so
/// clients that stop connecting cost nothing.
/// </summary>
internal sealed class HandshakeRateLimiter(int perSecond, TimeProvider time)
{
    private readonly ConcurrentDictionary<ClientKey, Window> _windows = new();
    private readonly long _second = time.TimestampFrequency;
    private long _lastSweep = time.GetTimestamp();

    public bool TryAcquire(IPAddress? address)
    {
        var now = time.GetTimestamp();
        SweepIfDue(now);
        var window = _windows.GetOrAdd(ClientKey.Of(address), static (_, start) => new Window(start), now);
        lock (window)
        {
            if (now - window.Start >= _second)
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
        if (now - last < 10 * _second || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            if (now - window.Start >= _second)
            {
                _windows.TryRemove(new KeyValuePair<ClientKey, Window>(key, window));
            }
        }
    }

    private sealed class Window(long start)
    {
        public long Start { get; set; } = start;

        public int Count { get; set; }
    }
}

/// <summary>
/// Whom a handshake is counted against: an IPv4 address (an IPv4-mapped IPv6 address is its IPv4
/// address), or the /64 network of an IPv6 address, since a host may use any address of its /64
/// and one count per address would be no limit at all.
/// </summary>
internal readonly record struct ClientKey(ulong Bits, bool IsIPv6)
{
    /// <summary>Clients whose address the server does not know share one count.</summary>
    private static readonly ClientKey Unknown = new(ulong.MaxValue, IsIPv6: false);

    public static ClientKey Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? new ClientKey(BinaryPrimitives.ReadUInt64BigEndian(bytes), IsIPv6: true)
            : new ClientKey(BinaryPrimitives.ReadUInt32BigEndian(bytes), IsIPv6: false);
    }
}
