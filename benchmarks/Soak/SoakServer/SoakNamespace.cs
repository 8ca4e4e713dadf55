namespace TypedSocketIO.Benchmarks.Soak;

/// <summary>What the soak server sends to its clients.</summary>
public interface ISoakClient
{
    /// <summary><c>42["said",room,senderId,seq]</c>: a <c>say</c> broadcast to the room, sender included.</summary>
    [Event("said")]
    ValueTask Said(string room, string sender, long seq);
}

/// <summary>
/// The soak's events. Every handler completes synchronously (the in-memory adapter never
/// waits), so the acks of one connection leave in the order its events arrived, which the
/// client checks.
/// </summary>
[SocketIONamespace("/")]
public sealed partial class SoakNamespace(SoakCounters counters, SoakFault fault) : Namespace<ISoakClient>
{
    /// <summary>Counts the socket in.</summary>
    public void on_connect(Socket socket) => Interlocked.Increment(ref counters.Connects);

    /// <summary><c>42&lt;id&gt;["echo",seq]</c> is answered with <c>43&lt;id&gt;[seq]</c>.</summary>
    public long on_echo(long seq)
    {
        var n = Interlocked.Increment(ref counters.Echoes);
        return fault.Is("wrong-echo", n) ? seq + 1 : seq;
    }

    /// <summary>Joins <paramref name="room"/>; the answer is how many rooms the socket is in now (its own included).</summary>
    public async ValueTask<int> on_join(Socket socket, string room)
    {
        var n = Interlocked.Increment(ref counters.Joins);
        if (!fault.Is("skip-join", n))
        {
            await socket.JoinAsync(room);
        }

        return socket.Rooms.Count;
    }

    /// <summary>Leaves <paramref name="room"/>; the answer is how many rooms the socket is in now (its own included).</summary>
    public async ValueTask<int> on_leave(Socket socket, string room)
    {
        Interlocked.Increment(ref counters.Leaves);
        await socket.LeaveAsync(room);
        return socket.Rooms.Count;
    }

    /// <summary>
    /// Broadcasts <c>said</c>(room, sender, seq) to everyone in <paramref name="room"/>, the sender
    /// included, then acknowledges with <paramref name="seq"/>: the sender's own copy is queued
    /// before its ack.
    /// </summary>
    public async ValueTask<long> on_say(Socket socket, string room, long seq)
    {
        var n = Interlocked.Increment(ref counters.Says);
        if (!fault.Is("drop-said", n))
        {
            await To(room).Said(room, socket.Id, seq);
        }

        if (fault.Is("dup-said", n))
        {
            await To(room).Said(room, socket.Id, seq);
        }

        return seq;
    }

    /// <summary>Counts the socket out.</summary>
    public void on_disconnect(Socket socket, DisconnectReason reason)
    {
        Interlocked.Increment(ref counters.Disconnects);
        counters.CountReason(reason);
    }
}

/// <summary>
/// A deliberate server fault, to see that the client's verification catches it
/// (<c>--fault drop-said|dup-said|wrong-echo|skip-join</c>): every 500th event of that kind goes wrong.
/// </summary>
public sealed class SoakFault(string? kind)
{
    public string? Kind => kind;

    public bool Is(string name, long count) => kind == name && count % 500 == 0;
}
