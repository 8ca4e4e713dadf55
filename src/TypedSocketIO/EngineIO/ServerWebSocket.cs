using Microsoft.AspNetCore.Http;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// One accepted WebSocket: the upgraded connection's stream, read and written by this library's
/// own framing. No WebSocket object, pipe adapter or idle buffer stands between the frames and
/// the session, which keeps an idle connection small.
/// </summary>
internal sealed class ServerWebSocket(HttpContext context, Stream stream)
{
    /// <summary>Close codes of RFC 6455 (section 7.4.1).</summary>
    public const ushort NormalClosure = 1000;
    public const ushort ProtocolError = 1002;
    public const ushort InvalidPayloadData = 1007;
    public const ushort MessageTooBig = 1009;
    public const ushort InternalError = 1011;

    /// <summary>How long a write may stay stuck on a client that does not read once its session has closed.</summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private byte[]? _pendingPong;
    private int _closeStatus = NormalClosure;
    private int _writing;
    private int _writes;

    /// <summary>The upgraded connection.</summary>
    public Stream Stream => stream;

    /// <summary>The status the server's close frame will carry.</summary>
    public ushort CloseStatus => (ushort)Volatile.Read(ref _closeStatus);

    /// <summary>Sets the close status, keeping the first reason other than a normal close.</summary>
    public void SetCloseStatus(ushort status) => Interlocked.CompareExchange(ref _closeStatus, status, NormalClosure);

    /// <summary>Asks the writer to answer a ping (the reader does not write: the writer owns the stream).</summary>
    public void QueuePong(ReadOnlyMemory<byte> payload) => Volatile.Write(ref _pendingPong, payload.ToArray());

    /// <summary>The pong payload waiting to be written, if any; taken once.</summary>
    public byte[]? TakePong() => Interlocked.Exchange(ref _pendingPong, null);

    /// <summary>Marks the start of a batch of writes (the session's pump calls it).</summary>
    public void BeginWrite()
    {
        Interlocked.Increment(ref _writes);
        Volatile.Write(ref _writing, 1);
    }

    /// <summary>Marks the end of a batch of writes.</summary>
    public void EndWrite() => Volatile.Write(ref _writing, 0);

    /// <summary>
    /// The session closed: if the writer is stuck on a client that does not read, the connection
    /// is dropped once the grace period passes with that write still pending.
    /// </summary>
    public void OnSessionClosed()
    {
        if (Volatile.Read(ref _writing) == 1)
        {
            _ = AbortIfStuckAsync(Volatile.Read(ref _writes));
        }
    }

    /// <summary>Drops the connection at once.</summary>
    public void Abort() => context.Abort();

    private async Task AbortIfStuckAsync(int write)
    {
        await Task.Delay(CloseGrace).ConfigureAwait(false);
        if (Volatile.Read(ref _writing) == 1 && Volatile.Read(ref _writes) == write)
        {
            Abort();
        }
    }
}
