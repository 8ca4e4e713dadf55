namespace TypedSocketIO;

/// <summary>Who a broadcast reaches and how: the adapter's input for every room operation.</summary>
public sealed class BroadcastOptions
{
    private static readonly IReadOnlySet<string> NoRooms = new HashSet<string>();

    /// <summary>Target rooms (a union); empty means every socket of the namespace.</summary>
    public IReadOnlySet<string> Rooms { get; init; } = NoRooms;

    /// <summary>Rooms whose sockets are left out.</summary>
    public IReadOnlySet<string> Except { get; init; } = NoRooms;

    /// <summary>Drop the packet for clients that are not ready to receive it right now.</summary>
    public bool Volatile { get; init; }

    /// <summary>Only this server: do not forward to other nodes of a cluster.</summary>
    public bool Local { get; init; }

    /// <summary>Whether the packet may be compressed (kept for adapters and transports that compress).</summary>
    public bool Compress { get; init; } = true;

    /// <summary>How long a broadcast with acknowledgements waits, or null for the server's default.</summary>
    public TimeSpan? Timeout { get; init; }
}
