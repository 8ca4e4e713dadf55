using System.Threading.Tasks.Sources;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// The one outgoing queue of a session, bounded in bytes. Writers add whole packets (a frame
/// and its attachments together, so concurrent emitters never interleave); the transport that
/// currently owns the session drains it. Waiting allocates nothing: the queue is its own
/// reusable awaitable, since only one transport waits at a time.
/// </summary>
internal sealed class OutgoingQueue(long maxBytes) : IValueTaskSource<bool>
{
    // The queue is internal and never handed to user code, so it serves as its own lock: one
    // object less for every connection.
    private object SyncRoot => this;

    private List<EngineFrame> _pending = [];
    private long _bytes;
    private bool _completed;
    private bool _waiting;
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _cancellation;

    public long BufferedBytes
    {
        get
        {
            lock (SyncRoot)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Adds the frames as one unit.</summary>
    /// <param name="frames">The frames, sent in this order with nothing between them.</param>
    /// <param name="onlyIfIdle">Volatile packets: add only when the transport is waiting for data right now.</param>
    public EnqueueResult TryEnqueue(ReadOnlySpan<EngineFrame> frames, bool onlyIfIdle = false)
    {
        long size = 0;
        foreach (var frame in frames)
        {
            size += frame.Data.Length;
        }

        lock (SyncRoot)
        {
            if (_completed)
            {
                return EnqueueResult.Closed;
            }

            if (onlyIfIdle && (!_waiting || _pending.Count > 0))
            {
                return EnqueueResult.Dropped;
            }

            if (_bytes + size > maxBytes && _pending.Count > 0)
            {
                return EnqueueResult.Overflow;
            }

            foreach (var frame in frames)
            {
                _pending.Add(frame);
            }

            _bytes += size;
            Wake(true);
        }

        return EnqueueResult.Queued;
    }

    /// <summary>Waits until frames are queued (true) or the queue is completed and empty (false).</summary>
    public ValueTask<bool> WaitForDataAsync(CancellationToken cancellationToken)
    {
        short version;
        lock (SyncRoot)
        {
            if (_pending.Count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return new ValueTask<bool>(false);
            }

            if (_waiting)
            {
                throw new InvalidOperationException("The outgoing queue has one reader at a time.");
            }

            _waiter.Reset();
            _waiting = true;
            version = _waiter.Version;
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static state => ((OutgoingQueue)state!).CancelWait(), this);
        }

        return new ValueTask<bool>(this, version);
    }

    /// <summary>Takes every queued frame; <paramref name="spare"/> (empty) becomes the new pending list.</summary>
    public List<EngineFrame> Drain(List<EngineFrame> spare)
    {
        lock (SyncRoot)
        {
            var taken = _pending;
            _pending = spare;
            _bytes = 0;
            return taken;
        }
    }

    /// <summary>Refuses further frames and wakes a waiting transport; frames already queued can still be drained.</summary>
    public void Complete()
    {
        lock (SyncRoot)
        {
            _completed = true;
            Wake(_pending.Count > 0);
        }
    }

    /// <summary>Wakes a waiting transport though nothing was queued: it has other work (answering a WebSocket ping).</summary>
    public void Nudge()
    {
        lock (SyncRoot)
        {
            if (!_completed)
            {
                Wake(true);
            }
        }
    }

    private void Wake(bool hasData)
    {
        if (_waiting)
        {
            _waiting = false;
            _waiter.SetResult(hasData);
        }
    }

    private void CancelWait()
    {
        lock (SyncRoot)
        {
            if (_waiting)
            {
                _waiting = false;
                _waiter.SetException(new OperationCanceledException());
            }
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        _cancellation.Unregister();
        _cancellation = default;
        return _waiter.GetResult(token);
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);
}

internal enum EnqueueResult
{
    Queued,
    Dropped,
    Overflow,
    Closed,
}
