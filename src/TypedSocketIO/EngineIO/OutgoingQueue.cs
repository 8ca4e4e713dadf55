using System.Threading.Tasks.Sources;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// The one outgoing queue of a session, bounded in bytes. Writers add whole packets (a frame
/// and its attachments together, so concurrent emitters never interleave); the transport that
/// currently owns the session drains it. A polling transport waits on it (allocation-free: the
/// queue is its own reusable awaitable, since one poll waits at a time); a WebSocket hands it a
/// drainer that the queue schedules on the thread pool only when there is something to send, so
/// that an idle WebSocket session keeps no waiting writer at all.
/// </summary>
internal sealed class OutgoingQueue(long maxBytes) : IValueTaskSource<bool>
{
    // The queue is internal and never handed to user code, so it serves as its own lock: one
    // object less for every connection.
    private object SyncRoot => this;

    /// <summary>
    /// What a queued frame costs beyond its bytes (its slot, its header, its share of the write),
    /// counted against the limit so that no run of tiny frames can pass it.
    /// </summary>
    public const int FrameOverhead = 32;

    private List<EngineFrame> _pending = [];
    private long _bytes;
    private bool _completed;
    private bool _waiting;
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _cancellation;
    private IThreadPoolWorkItem? _drainer;
    private bool _draining;
    private bool _nudged;

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
            size += frame.Data.Length + FrameOverhead;
        }

        lock (SyncRoot)
        {
            if (_completed)
            {
                return EnqueueResult.Closed;
            }

            var idle = _drainer is null ? _waiting : !_draining;
            if (onlyIfIdle && (!idle || _pending.Count > 0))
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
            ScheduleDrain();
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

            if (_drainer is not null)
            {
                return new ValueTask<bool>(false); // the session has moved to a WebSocket: no poll gets anything
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
            _nudged = false;
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
            ScheduleDrain();
        }
    }

    /// <summary>Wakes a waiting transport though nothing was queued: it has other work (answering a WebSocket ping).</summary>
    public void Nudge()
    {
        lock (SyncRoot)
        {
            if (!_completed)
            {
                _nudged = true;
                Wake(true);
                ScheduleDrain();
            }
        }
    }

    /// <summary>
    /// Hands the queue to <paramref name="drainer"/> for the rest of the session: it runs on the
    /// thread pool whenever there is something to send and the previous round has ended. A poll
    /// still waiting is answered with nothing.
    /// </summary>
    public void DrainWith(IThreadPoolWorkItem drainer)
    {
        lock (SyncRoot)
        {
            _drainer = drainer;
            Wake(false);
            ScheduleDrain();
        }
    }

    /// <summary>Whether a drainer's round has been scheduled and has not ended.</summary>
    public bool IsRoundScheduled
    {
        get
        {
            lock (SyncRoot)
            {
                return _draining;
            }
        }
    }

    /// <summary>Whether the queue is completed and empty: the drainer's cue to close the transport.</summary>
    public bool IsFinished
    {
        get
        {
            lock (SyncRoot)
            {
                return _completed && _pending.Count == 0;
            }
        }
    }

    /// <summary>The drainer's round has sent everything: true when it may stop, false when more came meanwhile.</summary>
    public bool TryEndDrain()
    {
        lock (SyncRoot)
        {
            if (_pending.Count > 0 || _nudged || _completed)
            {
                return false;
            }

            _draining = false;
            return true;
        }
    }

    /// <summary>Schedules the drainer if there is work for it and no round is under way (called under the lock).</summary>
    private void ScheduleDrain()
    {
        if (_drainer is not null && !_draining && (_pending.Count > 0 || _nudged || _completed))
        {
            _draining = true;
            ThreadPool.UnsafeQueueUserWorkItem(_drainer, preferLocal: true);
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
