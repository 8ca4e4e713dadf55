namespace TypedSocketIO;

/// <summary>
/// The limit on event handlers one socket runs at once (<see cref="SocketIOOptions.MaxConcurrentHandlersPerSocket"/>).
/// The read loop takes a slot before starting a handler. When the socket has none free, the read
/// loop waits, so the transport stops reading and the client is held back. Nothing is dropped,
/// and events still start in the order they arrived.
/// </summary>
/// <remarks>
/// A plain limit could deadlock: a handler that awaits an acknowledgement from this same client
/// holds its slot, and the answer is queued behind the event that is waiting for a slot. So each
/// acknowledgement the server awaits from this connection lends one more slot to each of its
/// sockets (a handler can wait for one answer at a time). The read loop stops only when at least
/// the limit's number of handlers are busy with something other than this client's answers. The
/// lent slots are bounded by the acknowledgements the server chose to await, and each of those
/// ends at its timeout.
/// </remarks>
internal sealed partial class ClientConnection
{
    private int _awaitedAcks; // acknowledgements the server awaits from this connection's sockets
    private int _slotWaiterCount; // read loops waiting for a slot: one, or two while an upgrade overlaps a POST
    private List<SlotWaiter>? _slotWaiters; // made by the first wait: most connections never fill their sockets' slots

    /// <summary>An acknowledgement is now awaited from one of this connection's sockets: it lends a slot.</summary>
    public void OnAckAwaited()
    {
        Interlocked.Increment(ref _awaitedAcks);
        AdmitWaiters();
    }

    /// <summary><paramref name="count"/> awaited acknowledgements were answered, abandoned or forgotten.</summary>
    public void OnAcksSettled(int count) => Interlocked.Add(ref _awaitedAcks, -count);

    /// <summary>A socket left or the connection closed: a read loop waiting on it drops that event.</summary>
    public void OnLeft() => AdmitWaiters();

    /// <summary>Takes a slot for a handler of <paramref name="socket"/>; false if it has none free. Never allocates.</summary>
    private bool TryTakeSlot(Socket socket)
    {
        var limit = _server.Options.MaxConcurrentHandlersPerSocket + Volatile.Read(ref _awaitedAcks);
        var running = Volatile.Read(ref socket.RunningHandlers);
        while (running < limit)
        {
            var seen = Interlocked.CompareExchange(ref socket.RunningHandlers, running + 1, running);
            if (seen == running)
            {
                return true;
            }

            running = seen;
        }

        return false;
    }

    private void ReleaseSlot(Socket socket)
    {
        Interlocked.Decrement(ref socket.RunningHandlers);
        AdmitWaiters();
    }

    /// <summary>Waits for a slot of <paramref name="socket"/>; false when the socket or the connection is gone first.</summary>
    private Task<bool> WaitForSlotAsync(Socket socket)
    {
        var waiter = new SlotWaiter(socket);
        lock (SyncRoot)
        {
            (_slotWaiters ??= []).Add(waiter);
            Interlocked.Increment(ref _slotWaiterCount);
        }

        // A slot freed before the waiter was visible woke nobody: look again now.
        AdmitWaiters();
        return waiter.Task;
    }

    private void AdmitWaiters()
    {
        // Read after the caller's interlocked change, and set with one before a waiter looks at the
        // slots: either the waiter sees the freed slot, or the one who freed it sees the waiter.
        if (Volatile.Read(ref _slotWaiterCount) == 0)
        {
            return;
        }

        lock (SyncRoot)
        {
            var waiters = _slotWaiters!;
            for (var i = 0; i < waiters.Count;)
            {
                var waiter = waiters[i];
                if (!waiter.Socket.Connected || !Connection.IsOpen)
                {
                    waiter.TrySetResult(false);
                }
                else if (TryTakeSlot(waiter.Socket))
                {
                    waiter.TrySetResult(true);
                }
                else
                {
                    i++;
                    continue;
                }

                waiters.RemoveAt(i);
            }

            Volatile.Write(ref _slotWaiterCount, waiters.Count);
        }
    }

    /// <summary>A read loop waiting for a slot of <see cref="Socket"/>.</summary>
    private sealed class SlotWaiter(Socket socket) : TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public Socket Socket => socket;
    }
}
