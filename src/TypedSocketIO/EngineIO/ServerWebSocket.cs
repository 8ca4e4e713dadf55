using Microsoft.AspNetCore.Http;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// One accepted WebSocket: the upgraded connection's stream, read and written by this library's
/// own framing. No WebSocket object, pipe adapter or idle buffer stands between the frames and
/// the session, and no writer waits while there is nothing to send: the session's queue runs
/// this socket's <see cref="WebSocketWriter"/> on the thread pool when there is.
/// </summary>
internal sealed class ServerWebSocket(HttpContext context, Stream stream) : IThreadPoolWorkItem
{
    /// <summary>Close codes of RFC 6455 (section 7.4.1).</summary>
    public const ushort NormalClosure = 1000;
    public const ushort ProtocolError = 1002;
    public const ushort InvalidPayloadData = 1007;
    public const ushort MessageTooBig = 1009;
    public const ushort InternalError = 1011;

    /// <summary>
    /// How long a write may stay stuck on a client that does not read once its session has
    /// closed, and how long a closed session waits for the client's close frame.
    /// </summary>
    public static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>The most frames a spare list keeps room for between rounds.</summary>
    private const int MaxSpareCapacity = 64;

    private EngineIOConnection? _connection;
    // Internal and never handed to user code: the socket serves as its own lock.
    private object SyncRoot => this;

    private List<EngineFrame> _spare = [];
    private byte[]? _pendingPong;
    private int _closeStatus = NormalClosure;
    private int _closeDeadlineStarted;
    private volatile bool _readerFinished;
    private bool _writerFinished;
    private TaskCompletionSource? _writerDone;

    /// <summary>The reader of the client's frames (for diagnostics: how far it has read).</summary>
    public WebSocketMessageReader? Reader { get; set; }

    /// <summary>The upgraded connection.</summary>
    public Stream Stream => stream;

    /// <summary>The session this socket carries (set by <see cref="Carry"/>).</summary>
    public EngineIOConnection Connection => _connection ?? throw new InvalidOperationException("The WebSocket carries no session yet.");

    /// <summary>The status the server's close frame will carry.</summary>
    public ushort CloseStatus => (ushort)Volatile.Read(ref _closeStatus);

    /// <summary>Whether the reader has stopped (the client's close frame, an error, or the end of the stream).</summary>
    public bool ReaderFinished => _readerFinished;

    /// <summary>Completes once the writer has sent its last frame, or given up.</summary>
    public Task WriterFinished
    {
        get
        {
            lock (SyncRoot)
            {
                return _writerFinished ? Task.CompletedTask : (_writerDone ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
    }

    /// <summary>Makes this socket the transport of <paramref name="connection"/>: from now on its queue is written here.</summary>
    public void Carry(EngineIOConnection connection)
    {
        _connection = connection;
        connection.AttachWebSocket(this);
        connection.Queue.DrainWith(this);
    }

    void IThreadPoolWorkItem.Execute() => _ = WebSocketWriter.DrainAsync(this);

    /// <summary>Sets the close status, keeping the first reason other than a normal close.</summary>
    public void SetCloseStatus(ushort status) => Interlocked.CompareExchange(ref _closeStatus, status, NormalClosure);

    /// <summary>Asks the writer to answer a ping (the reader does not write: the writer owns the stream).</summary>
    public void QueuePong(ReadOnlyMemory<byte> payload) => Volatile.Write(ref _pendingPong, payload.ToArray());

    /// <summary>The pong payload waiting to be written, if any; taken once.</summary>
    public byte[]? TakePong() => Interlocked.Exchange(ref _pendingPong, null);

    /// <summary>The empty list the queue's next drain swaps in (one drain runs at a time).</summary>
    public List<EngineFrame> TakeSpare() => _spare;

    /// <summary>Gives back a drained list, emptied, for the next drain.</summary>
    public void ReturnSpare(List<EngineFrame> frames)
    {
        // A burst can grow the list a lot; an idle session should not keep that capacity.
        if (frames.Capacity > MaxSpareCapacity)
        {
            _spare = [];
            return;
        }

        frames.Clear();
        _spare = frames;
    }

    /// <summary>
    /// The session closed: from now on the writer has the grace period to send what is queued and
    /// the close frame. Every write still pending or started later counts against it, so a client
    /// that stops reading (even after taking a few frames) loses its connection when it ends.
    /// </summary>
    public void OnSessionClosed()
    {
        if (Interlocked.Exchange(ref _closeDeadlineStarted, 1) == 0)
        {
            _ = AbortUnlessWriterFinishesAsync();
        }
    }

    /// <summary>The reader has stopped; the writer's close frame may still be on its way.</summary>
    public void FinishReading() => _readerFinished = true;

    /// <summary>
    /// The writer has sent its last frame (or given up). A client that has not answered the close
    /// by the end of the grace period is cut off.
    /// </summary>
    public void FinishWriting()
    {
        TaskCompletionSource? done;
        lock (SyncRoot)
        {
            if (_writerFinished)
            {
                return;
            }

            _writerFinished = true;
            done = _writerDone;
        }

        done?.TrySetResult();
        if (!_readerFinished)
        {
            _ = AbortIfReaderLingersAsync();
        }
    }

    /// <summary>Drops the connection at once.</summary>
    public void Abort() => context.Abort();

    private async Task AbortUnlessWriterFinishesAsync()
    {
        var finished = WriterFinished;
        if (await Task.WhenAny(finished, Task.Delay(CloseGrace)).ConfigureAwait(false) != finished)
        {
            Abort(); // the stuck write fails, and the writer gives up
        }
    }

    private async Task AbortIfReaderLingersAsync()
    {
        await Task.Delay(CloseGrace).ConfigureAwait(false);
        if (!_readerFinished)
        {
            Abort();
        }
    }
}
