using System.ComponentModel;
using System.Security.Claims;
using TypedSocketIO.Diagnostics;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO;

/// <summary>
/// A client connected to one namespace. A client connected to several namespaces over one
/// connection has one socket in each.
/// </summary>
public sealed class Socket
{
    private static readonly IReadOnlySet<string> NoRooms = new HashSet<string>();

    private readonly Lock _lock = new();
    private Dictionary<long, IAckCollector>? _acks; // made by the first emit with an ack
    private bool _acksRefused; // the server is stopping: no new wait for an answer may start
    private volatile bool _leftToShutdown;
    private List<OutgoingPacket>? _beforeConnect = [];
    private Dictionary<Type, object>? _data;
    private CancellationTokenSource? _disconnected;
    private IDictionary<object, object?>? _items;
    private volatile SocketState _state;
    private ClaimsPrincipal? _user; // the auth payload's user, when its token authenticated
    private string? _authenticationFailure; // why the auth payload's token did not

    /// <summary>Event handlers of this socket running now (ClientConnection's slots count them).</summary>
    internal int RunningHandlers;

    /// <summary>What the metrics counted for this socket.</summary>
    internal MeteredSocket Metered;

    internal Socket(string id, ServerNamespace ns, ClientConnection client, SocketHandshake handshake)
    {
        Id = id;
        Namespace = ns;
        Client = client;
        Handshake = handshake;
    }

    /// <summary>The socket id (random, unique per namespace connection; not the connection id).</summary>
    public string Id { get; }

    /// <summary>The namespace the socket belongs to.</summary>
    public ServerNamespace Namespace { get; }

    /// <summary>The server.</summary>
    public SocketIOServer Server => Namespace.Server;

    /// <summary>The CONNECT auth and the handshake request.</summary>
    public SocketHandshake Handshake { get; }

    /// <summary>
    /// The user: the one ASP.NET Core authenticated on the handshake request (a cookie, a bearer
    /// token in the header or the query), or the one the token of the CONNECT auth payload
    /// authenticated to when <see cref="SocketIOOptions.AuthTokenScheme"/> is set. An empty,
    /// unauthenticated principal when there is none. <c>[Authorize]</c> is checked against it.
    /// </summary>
    public ClaimsPrincipal User => _user ?? Handshake.User;

    /// <summary>Why the user is not authenticated, for the client: the token's failure, the handshake's, or none given.</summary>
    internal string AuthenticationFailure => _authenticationFailure ?? Handshake.AuthenticationFailure ?? AuthorizationOutcome.AuthenticationRequired;

    /// <summary>The auth payload's token was authenticated (while connecting, before any handler sees the socket).</summary>
    internal void Authenticated(TokenAuthentication authentication)
    {
        _user = authentication.User;
        _authenticationFailure = authentication.Failure;
    }

    /// <summary>The id of the underlying Engine.IO connection, shared by the client's sockets in other namespaces.</summary>
    public string ConnectionId => Client.Connection.Id;

    /// <summary>The transport in use now.</summary>
    public EngineIOTransports Transport => Client.Connection.Transport;

    /// <summary>Whether the socket is connected.</summary>
    public bool Connected => _state == SocketState.Connected;

    /// <summary>The rooms the socket is in (its own id included).</summary>
    public IReadOnlySet<string> Rooms => Namespace.Adapter.GetRoomsOf(Id) ?? NoRooms;

    /// <summary>Free-form per-socket state, as <c>HttpContext.Items</c>.</summary>
    public IDictionary<object, object?> Items
    {
        get
        {
            // Made on first use: most sockets never need it, and idle memory per connection counts.
            if (_items is null)
            {
                Interlocked.CompareExchange(ref _items, new System.Collections.Concurrent.ConcurrentDictionary<object, object?>(), null);
            }

            return _items;
        }
    }

    internal ClientConnection Client { get; }

    /// <summary>Cancelled when the socket disconnects: pass it to work that should stop then.</summary>
    public CancellationToken DisconnectToken
    {
        get
        {
            lock (_lock)
            {
                if (_disconnected is null)
                {
                    _disconnected = new CancellationTokenSource();
                    if (_state == SocketState.Disconnected)
                    {
                        _disconnected.Cancel();
                    }
                }

                return _disconnected.Token;
            }
        }
    }

    /// <summary>Returns the socket's data of type <typeparamref name="T"/>, or null when none was set.</summary>
    public T? GetData<T>()
        where T : class
    {
        lock (_lock)
        {
            return _data is not null && _data.TryGetValue(typeof(T), out var value) ? (T)value : null;
        }
    }

    /// <summary>Stores typed data on the socket (one value per type).</summary>
    public void SetData<T>(T value)
        where T : class
    {
        lock (_lock)
        {
            (_data ??= [])[typeof(T)] = value;
        }

        Namespace.RaiseSocketDataChanged(this);
    }

    /// <summary>A copy of every piece of data set with <see cref="SetData{T}(T)"/>, by its type (for monitoring and diagnostics).</summary>
    public IReadOnlyDictionary<Type, object> GetAllData()
    {
        lock (_lock)
        {
            return _data is null ? new Dictionary<Type, object>() : new Dictionary<Type, object>(_data);
        }
    }

    /// <summary>Sends an event to this client.</summary>
    public ValueTask EmitAsync(string eventName, params object?[] args)
    {
        ReservedEvents.ThrowIfReserved(eventName);
        Send(BuildEvent(eventName, args, ackId: -1));
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends an event and waits for the client's acknowledgement, up to the server's ack timeout.</summary>
    public Task<EventArguments> EmitWithAckAsync(string eventName, params object?[] args) =>
        EmitWithAckAsync(eventName, args, Server.Options.AckTimeout);

    /// <summary>Sends an event and waits for the client's acknowledgement.</summary>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="SocketDisconnectedException">The socket disconnected first.</exception>
    public async Task<EventArguments> EmitWithAckAsync(string eventName, object?[] args, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ReservedEvents.ThrowIfReserved(eventName);
        var ackId = Namespace.NextAckId();
        return await SendWithAckAsync(BuildEvent(eventName, args, ackId), ackId, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a packet encoded with <paramref name="ackId"/> and waits for the answer (used by generated proxies).</summary>
    internal async Task<EventArguments> SendWithAckAsync(OutgoingPacket packet, long ackId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = new SingleAckWaiter();
        RegisterAck(ackId, waiter);
        if (!Connected)
        {
            RemoveAck(ackId);
            throw new SocketDisconnectedException(Id);
        }

        Send(packet);
        try
        {
            return await waiter.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Server.Metrics.AcksTimedOut(Namespace.Name, 1);
            throw;
        }
        finally
        {
            RemoveAck(ackId);
        }
    }

    private OutgoingPacket BuildEvent(string eventName, object?[] args, long ackId)
    {
        return PacketBuilder.EncodeEvent(Namespace.Name, eventName, args, Server.JsonOptions, ackId);
    }

    /// <summary>Targets the sockets in <paramref name="room"/>, this one excluded.</summary>
    public BroadcastOperator To(string room) => Broadcast.To(room);

    /// <summary>Targets the sockets in any of <paramref name="rooms"/>, this one excluded.</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => Broadcast.To(rooms);

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => To(room);

    /// <summary>Targets every socket of the namespace except this one and those in <paramref name="room"/>.</summary>
    public BroadcastOperator Except(string room) => Broadcast.Except(room);

    /// <summary>Targets every other socket of the namespace.</summary>
    public BroadcastOperator Broadcast => new BroadcastOperator(Namespace).Except(Id);

    /// <summary>Joins a room.</summary>
    public ValueTask JoinAsync(string room) => Namespace.Adapter.AddToRoomsAsync(Id, [room]);

    /// <summary>Joins several rooms.</summary>
    public ValueTask JoinAsync(IEnumerable<string> rooms) => Namespace.Adapter.AddToRoomsAsync(Id, rooms);

    /// <summary>Leaves a room.</summary>
    public ValueTask LeaveAsync(string room) => Namespace.Adapter.RemoveFromRoomAsync(Id, room);

    /// <summary>
    /// Disconnects the socket from its namespace (the client sees <c>io server disconnect</c>);
    /// with <paramref name="close"/>, closes the whole connection and every namespace on it.
    /// </summary>
    public ValueTask DisconnectAsync(bool close = false)
    {
        if (close)
        {
            return Client.DisconnectAllAsync();
        }

        return CloseAsync(DisconnectReason.ServerNamespaceDisconnect, notifyClient: true);
    }

    /// <summary>Sends an already encoded packet (used by generated proxies and adapters).</summary>
    /// <param name="packet">The packet, encoded for this socket's namespace.</param>
    /// <param name="isVolatile">Drop it if the client cannot take it right now.</param>
    /// <remarks>For generated code and adapters, which send a packet encoded once to many sockets. Hidden from IntelliSense; user code emits with <see cref="EmitAsync"/>.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Send(OutgoingPacket packet, bool isVolatile = false)
    {
        Namespace.RaiseSending(this, packet);
        if (_state == SocketState.Connecting)
        {
            lock (_lock)
            {
                if (_beforeConnect is not null)
                {
                    // Emits made while connecting go out right after the CONNECT answer.
                    _beforeConnect.Add(packet);
                    return;
                }
            }
        }

        if (_state == SocketState.Connected)
        {
            Client.Send(packet, isVolatile);
        }
    }

    /// <summary>How many acknowledgements this socket still waits for (tests watch it for leaks).</summary>
    internal int PendingAckCount
    {
        get
        {
            lock (_lock)
            {
                return _acks?.Count ?? 0;
            }
        }
    }

    internal void RegisterAck(long ackId, IAckCollector collector)
    {
        var awaited = false;
        lock (_lock)
        {
            if (_state != SocketState.Disconnected && !_acksRefused)
            {
                var acks = _acks ??= [];
                if (!acks.TryAdd(ackId, collector))
                {
                    acks[ackId] = collector;
                    return;
                }

                awaited = true;
            }
        }

        if (awaited)
        {
            Server.Metrics.AckAwaited(ref Metered, Namespace.Name);
            Client.OnAckAwaited();
            return;
        }

        // Gone already, or the server is stopping: the answer can never come, so nobody waits for it.
        (collector as IPendingAck)?.OnTargetLeft(Id);
    }

    /// <summary>Whether the server's shutdown disconnects this socket (its connection closing leaves it alone).</summary>
    internal bool LeftToShutdown => _leftToShutdown;

    /// <summary>The server is stopping: fails every wait for this socket's answers now and refuses new ones.</summary>
    internal void LeaveToShutdown()
    {
        _leftToShutdown = true;
        AbandonAcks(refuseNew: true);
    }

    /// <summary>Ends every wait for this socket's answers at once; with <paramref name="refuseNew"/>, later ones too.</summary>
    internal void AbandonAcks(bool refuseNew)
    {
        IAckCollector[] pending;
        lock (_lock)
        {
            _acksRefused |= refuseNew;
            if (_acks is not { Count: > 0 } acks)
            {
                return;
            }

            pending = [.. acks.Values];
            acks.Clear();
        }

        Client.OnAcksSettled(pending.Length);
        Server.Metrics.AcksSettled(ref Metered, Namespace.Name, pending.Length);

        foreach (var collector in pending)
        {
            (collector as IPendingAck)?.OnTargetLeft(Id);
        }
    }

    internal void RemoveAck(long ackId)
    {
        bool removed;
        lock (_lock)
        {
            removed = _acks is not null && _acks.Remove(ackId);
        }

        if (removed)
        {
            Client.OnAcksSettled(1);
            Server.Metrics.AcksSettled(ref Metered, Namespace.Name, 1);
        }
    }

    internal void OnAck(long ackId, EventArguments arguments)
    {
        IAckCollector? collector;
        lock (_lock)
        {
            // An ack is answered once: a duplicate or unknown id finds nothing and is ignored.
            collector = null;
            _acks?.Remove(ackId, out collector);
        }

        if (collector is not null)
        {
            Client.OnAcksSettled(1);
            Server.Metrics.AcksSettled(ref Metered, Namespace.Name, 1);
            collector.OnAck(Id, arguments);
        }
    }

    /// <summary>Marks the socket connected and flushes what was emitted while it connected.</summary>
    internal void MarkConnected(OutgoingPacket connectPacket)
    {
        Client.Send(connectPacket, isVolatile: false);
        List<OutgoingPacket>? buffered;
        lock (_lock)
        {
            buffered = _beforeConnect;
            _beforeConnect = null;
            _state = SocketState.Connected;
        }

        Server.Metrics.SocketConnected(ref Metered, Namespace.Name);

        foreach (var packet in buffered ?? [])
        {
            Client.Send(packet, isVolatile: false);
        }
    }

    /// <summary>Drops a socket whose connection was refused.</summary>
    internal void MarkRefused()
    {
        lock (_lock)
        {
            _beforeConnect = null;
            _state = SocketState.Disconnected;
        }

        AbandonAcks(refuseNew: false);
    }

    /// <summary>Leaves the namespace once: disconnecting handlers (rooms still set), rooms cleared, disconnect handlers.</summary>
    internal async ValueTask CloseAsync(DisconnectReason reason, bool notifyClient)
    {
        if (Interlocked.CompareExchange(ref _state, SocketState.Disconnected, SocketState.Connected) != SocketState.Connected)
        {
            return;
        }

        Server.Metrics.SocketDisconnected(ref Metered, Namespace.Name, reason.ToWireString());
        // Before any handler runs: a slow disconnecting handler must not hold the emitters waiting.
        AbandonAcks(refuseNew: false);
        Client.OnLeft();
        if (notifyClient)
        {
            Client.Send(Namespace.DisconnectPacket, isVolatile: false);
        }

        await Namespace.OnDisconnectingAsync(this, reason).ConfigureAwait(false);

        CancellationTokenSource? disconnected;
        lock (_lock)
        {
            disconnected = _disconnected;
        }

        disconnected?.Cancel();
        await Namespace.Adapter.RemoveFromAllRoomsAsync(Id).ConfigureAwait(false);
        Namespace.Remove(this);
        Client.Remove(this);
        await Namespace.OnDisconnectAsync(this, reason).ConfigureAwait(false);
    }

    /// <summary>The wait of one emit with ack.</summary>
    private sealed class SingleAckWaiter : IPendingAck
    {
        private readonly TaskCompletionSource<EventArguments> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<EventArguments> Task => _completion.Task;

        public void OnAck(string socketId, EventArguments arguments) => _completion.TrySetResult(arguments);

        public void OnTargetLeft(string socketId) => _completion.TrySetException(new SocketDisconnectedException(socketId));
    }
}
