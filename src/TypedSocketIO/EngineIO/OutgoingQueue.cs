using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// The one outgoing queue of a session, bounded in bytes. Writers add whole packets (a frame
/// and its attachments together, so concurrent emitters never interleave); the transport that
/// currently owns the session drains it.
/// </summary>
internal sealed class OutgoingQueue(long maxBytes)
{
    private readonly Lock _lock = new();
    private List<EngineFrame> _pending = [];
    private long _bytes;
    private TaskCompletionSource? _waiter;
    private bool _completed;

    public long BufferedBytes
    {
        get
        {
            lock (_lock)
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

        TaskCompletionSource? toWake;
        lock (_lock)
        {
            if (_completed)
            {
                return EnqueueResult.Closed;
            }

            if (onlyIfIdle && (_waiter is null || _pending.Count > 0))
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
            toWake = _waiter;
            _waiter = null;
        }

        toWake?.TrySetResult();
        return EnqueueResult.Queued;
    }

    /// <summary>Waits until frames are queued (true) or the queue is completed and empty (false).</summary>
    public async ValueTask<bool> WaitForDataAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_lock)
        {
            if (_pending.Count > 0)
            {
                return true;
            }

            if (_completed)
            {
                return false;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _waiter.Task;
        }

        await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            return _pending.Count > 0;
        }
    }

    /// <summary>Takes every queued frame; <paramref name="spare"/> (empty) becomes the new pending list.</summary>
    public List<EngineFrame> Drain(List<EngineFrame> spare)
    {
        lock (_lock)
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
        TaskCompletionSource? toWake;
        lock (_lock)
        {
            _completed = true;
            toWake = _waiter;
            _waiter = null;
        }

        toWake?.TrySetResult();
    }
}

internal enum EnqueueResult
{
    Queued,
    Dropped,
    Overflow,
    Closed,
}
