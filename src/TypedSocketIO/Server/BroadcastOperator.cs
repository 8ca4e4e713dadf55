using System.Collections.Immutable;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>
/// An immutable selection of a namespace's sockets (rooms, exclusions) with flags, as Node's
/// <c>io.to("room").except("other").timeout(5000)</c>. Each method returns a new operator.
/// </summary>
public sealed class BroadcastOperator
{
    private readonly ImmutableHashSet<string> _rooms;
    private readonly ImmutableHashSet<string> _except;
    private readonly bool _volatile;
    private readonly bool _local;
    private readonly bool _compress;
    private readonly TimeSpan? _timeout;

    internal BroadcastOperator(ServerNamespace ns)
        : this(ns, ImmutableHashSet<string>.Empty, ImmutableHashSet<string>.Empty, false, false, true, null)
    {
    }

    private BroadcastOperator(ServerNamespace ns, ImmutableHashSet<string> rooms, ImmutableHashSet<string> except, bool isVolatile, bool local, bool compress, TimeSpan? timeout)
    {
        Namespace = ns;
        _rooms = rooms;
        _except = except;
        _volatile = isVolatile;
        _local = local;
        _compress = compress;
        _timeout = timeout;
    }

    /// <summary>The namespace whose sockets are selected.</summary>
    internal ServerNamespace Namespace { get; }

    /// <summary>Adds a target room (several rooms are a union).</summary>
    public BroadcastOperator To(string room) => With(rooms: _rooms.Add(room));

    /// <summary>Adds target rooms.</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => With(rooms: _rooms.Union(rooms));

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>Same as <see cref="To(IEnumerable{string})"/>.</summary>
    public BroadcastOperator In(IEnumerable<string> rooms) => To(rooms);

    /// <summary>Leaves out the sockets in <paramref name="room"/> (a socket id leaves out that socket).</summary>
    public BroadcastOperator Except(string room) => With(except: _except.Add(room));

    /// <summary>Leaves out the sockets in any of <paramref name="rooms"/>.</summary>
    public BroadcastOperator Except(IEnumerable<string> rooms) => With(except: _except.Union(rooms));

    /// <summary>Leaves out <paramref name="socket"/>.</summary>
    public BroadcastOperator Except(Socket socket) => Except(socket.Id);

    /// <summary>Drops the packet for clients that cannot take it right now.</summary>
    public BroadcastOperator Volatile => With(isVolatile: true);

    /// <summary>Reaches this server's sockets only, not the rest of a cluster.</summary>
    public BroadcastOperator Local => With(local: true);

    /// <summary>Whether the packet may be compressed.</summary>
    public BroadcastOperator Compress(bool compress) => With(compress: compress);

    /// <summary>How long <see cref="EmitWithAckAsync(string, object?[])"/> waits for every answer.</summary>
    public BroadcastOperator Timeout(TimeSpan timeout) => With(timeout: timeout);

    /// <summary>The adapter's view of this selection.</summary>
    internal BroadcastOptions Options => new()
    {
        Rooms = _rooms,
        Except = _except,
        Volatile = _volatile,
        Local = _local,
        Compress = _compress,
        Timeout = _timeout,
    };

    /// <summary>Sends an event to every selected socket; the packet is encoded once.</summary>
    public ValueTask EmitAsync(string eventName, params object?[] args)
    {
        ReservedEvents.ThrowIfReserved(eventName);
        return SendAsync(PacketBuilder.EncodeEvent(Namespace.Name, eventName, args, Namespace.Server.JsonOptions));
    }

    /// <summary>Sends an already encoded packet to every selected socket (used by generated proxies).</summary>
    internal ValueTask SendAsync(OutgoingPacket packet) => Namespace.Adapter.BroadcastAsync(packet, Options);

    /// <summary>
    /// Sends an event to every selected socket and gathers one answer from each, until the
    /// timeout (<see cref="Timeout"/>, or the server's broadcast ack timeout).
    /// </summary>
    /// <exception cref="BroadcastAckTimeoutException">
    /// Some socket did not answer in time, or disconnected before answering (then the wait ends as
    /// soon as every socket still connected has answered); carries the answers that arrived.
    /// </exception>
    public Task<IReadOnlyList<EventArguments>> EmitWithAckAsync(string eventName, params object?[] args)
    {
        ReservedEvents.ThrowIfReserved(eventName);
        var ackId = Namespace.NextAckId();
        return SendWithAckAsync(PacketBuilder.EncodeEvent(Namespace.Name, eventName, args, Namespace.Server.JsonOptions, ackId), ackId);
    }

    /// <summary>Sends a packet encoded with <paramref name="ackId"/> and gathers the answers (used by generated proxies).</summary>
    internal async Task<IReadOnlyList<EventArguments>> SendWithAckAsync(OutgoingPacket packet, long ackId, CancellationToken cancellationToken = default)
    {
        var collector = new BroadcastAckCollector();
        var timeout = _timeout ?? Namespace.Server.Options.BroadcastAckTimeout;
        try
        {
            await Namespace.Adapter.BroadcastWithAckAsync(packet, ackId, Options, collector.AddExpected, collector).ConfigureAwait(false);
            collector.Seal();
            return await collector.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!collector.Task.IsCompleted)
        {
            var timedOut = collector.TimedOut();
            Namespace.Server.Metrics.AcksTimedOut(Namespace.Name, timedOut.Expected - timedOut.Responses.Count - timedOut.Disconnected);
            throw timedOut;
        }
        finally
        {
            if (!collector.Task.IsCompleted)
            {
                // Timed out, cancelled or failed midway: sockets that never answered must not keep the wait alive.
                Namespace.ForgetAck(ackId);
            }
        }
    }

    /// <summary>Returns the selected sockets.</summary>
    public ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync() => Namespace.Adapter.FetchSocketsAsync(Options);

    /// <summary>Makes the selected sockets join <paramref name="rooms"/>.</summary>
    public ValueTask SocketsJoinAsync(params string[] rooms) => Namespace.Adapter.AddSocketsToRoomsAsync(Options, rooms);

    /// <summary>Makes the selected sockets leave <paramref name="rooms"/>.</summary>
    public ValueTask SocketsLeaveAsync(params string[] rooms) => Namespace.Adapter.RemoveSocketsFromRoomsAsync(Options, rooms);

    /// <summary>Disconnects the selected sockets (<paramref name="close"/>: their whole connections).</summary>
    public ValueTask DisconnectSocketsAsync(bool close = false) => Namespace.Adapter.DisconnectSocketsAsync(Options, close);

    private BroadcastOperator With(
        ImmutableHashSet<string>? rooms = null,
        ImmutableHashSet<string>? except = null,
        bool? isVolatile = null,
        bool? local = null,
        bool? compress = null,
        TimeSpan? timeout = null) =>
        new(Namespace, rooms ?? _rooms, except ?? _except, isVolatile ?? _volatile, local ?? _local, compress ?? _compress, timeout ?? _timeout);

    /// <summary>
    /// Gathers the answers of one broadcast; completes when every reached socket has answered or
    /// left (a socket that left can never answer, so the wait does not hold out for it).
    /// </summary>
    private sealed class BroadcastAckCollector : IPendingAck
    {
        private readonly Lock _lock = new();
        private readonly List<EventArguments> _responses = [];
        private readonly TaskCompletionSource<IReadOnlyList<EventArguments>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected;
        private int _left;
        private bool _sealed;

        public Task<IReadOnlyList<EventArguments>> Task => _completion.Task;

        public void AddExpected(int count)
        {
            lock (_lock)
            {
                _expected += count;
            }
        }

        /// <summary>Every server has reported its targets: the broadcast may now complete.</summary>
        public void Seal()
        {
            lock (_lock)
            {
                _sealed = true;
                CompleteIfDone();
            }
        }

        public void OnAck(string socketId, EventArguments arguments)
        {
            lock (_lock)
            {
                _responses.Add(arguments);
                CompleteIfDone();
            }
        }

        public void OnTargetLeft(string socketId)
        {
            lock (_lock)
            {
                _left++;
                CompleteIfDone();
            }
        }

        public BroadcastAckTimeoutException TimedOut()
        {
            lock (_lock)
            {
                return new BroadcastAckTimeoutException([.. _responses], _expected, _left);
            }
        }

        private void CompleteIfDone()
        {
            if (!_sealed || _responses.Count + _left < _expected)
            {
                return;
            }

            if (_left == 0)
            {
                _completion.TrySetResult([.. _responses]);
            }
            else
            {
                // As Node fails a broadcast some target did not answer, only without waiting out the timeout.
                _completion.TrySetException(new BroadcastAckTimeoutException([.. _responses], _expected, _left));
            }
        }
    }
}
