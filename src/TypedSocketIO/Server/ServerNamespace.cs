using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO;

/// <summary>
/// A namespace on the server (<c>/</c>, <c>/chat</c>, ...): its sockets, middleware, handlers
/// and adapter. Handlers are plain delegates registered here or a generated
/// <see cref="INamespaceHandler"/>.
/// </summary>
public sealed class ServerNamespace
{
    private readonly ConcurrentDictionary<string, Socket> _sockets = new(StringComparer.Ordinal);
    private readonly Lock _registration = new();
    private readonly Task _adapterReady; // the adapter's InitAsync

    // Copy-on-write arrays: registration is rare, dispatch reads them without locking.
    private Func<Socket, ValueTask>[] _middleware = [];
    private Func<Socket, ValueTask>[] _connectHandlers = [];
    private Func<Socket, DisconnectReason, ValueTask>[] _disconnectingHandlers = [];
    private Func<Socket, DisconnectReason, ValueTask>[] _disconnectHandlers = [];
    private Func<SocketIOEvent, ValueTask>[] _anyHandlers = [];
    private INamespaceHandler[] _typedHandlers = [];
    private readonly Dictionary<string, Func<SocketIOEvent, ValueTask>> _eventHandlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<SocketIOEvent, ValueTask>>.AlternateLookup<ReadOnlySpan<char>> _eventLookup;
    private Func<SocketIOEvent, ValueTask>? _fallback;
    private long _nextAckId;

    internal ServerNamespace(SocketIOServer server, string name)
    {
        Server = server;
        Name = name;
        NameUtf8 = Encoding.UTF8.GetBytes(name);
        _eventLookup = _eventHandlers.GetAlternateLookup<ReadOnlySpan<char>>();
        Adapter = server.Options.AdapterFactory?.Invoke(this) ?? new InMemoryAdapter(this);
        // As Node, the adapter starts initialising with its namespace; sockets wait for it to finish.
        _adapterReady = Adapter.InitAsync().AsTask();
        DisconnectPacket = ControlPackets.Disconnect(name);
    }

    /// <summary>The namespace path (<c>/</c> for the main namespace).</summary>
    public string Name { get; }

    /// <summary>The server.</summary>
    public SocketIOServer Server { get; }

    /// <summary>The adapter that keeps rooms and carries broadcasts.</summary>
    public SocketIOAdapter Adapter { get; }

    /// <summary>The sockets connected to this namespace on this server, by id.</summary>
    public IReadOnlyDictionary<string, Socket> SocketsById => _sockets;

    internal byte[] NameUtf8 { get; }

    internal OutgoingPacket DisconnectPacket { get; }

    /// <summary>Adds middleware, run in order before a socket connects; throw <see cref="ConnectionRefusedException"/> to refuse.</summary>
    public ServerNamespace Use(Func<Socket, ValueTask> middleware) => AddTo(ref _middleware, middleware);

    /// <summary>Runs when a socket connects (after middleware); throw <see cref="ConnectionRefusedException"/> to refuse.</summary>
    public ServerNamespace OnConnect(Func<Socket, ValueTask> handler) => AddTo(ref _connectHandlers, handler);

    /// <summary>Runs when a socket is leaving, while it is still in its rooms.</summary>
    public ServerNamespace OnDisconnecting(Func<Socket, DisconnectReason, ValueTask> handler) => AddTo(ref _disconnectingHandlers, handler);

    /// <summary>Runs when a socket has left.</summary>
    public ServerNamespace OnDisconnect(Func<Socket, DisconnectReason, ValueTask> handler) => AddTo(ref _disconnectHandlers, handler);

    /// <summary>
    /// Handles the event <paramref name="eventName"/>; <c>"*"</c> registers the catch-all that
    /// receives every event no other handler takes.
    /// </summary>
    public ServerNamespace On(string eventName, Func<SocketIOEvent, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (eventName == "*")
        {
            _fallback = handler;
            return this;
        }

        ReservedEvents.ThrowIfReserved(eventName);
        lock (_eventHandlers)
        {
            _eventHandlers[eventName] = handler;
        }

        return this;
    }

    /// <summary>Handles the event <paramref name="eventName"/> synchronously.</summary>
    public ServerNamespace On(string eventName, Action<SocketIOEvent> handler) =>
        On(eventName, e =>
        {
            handler(e);
            return ValueTask.CompletedTask;
        });

    /// <summary>Runs for every event, before its handler (Node's <c>onAny</c>).</summary>
    public ServerNamespace OnAny(Func<SocketIOEvent, ValueTask> handler) => AddTo(ref _anyHandlers, handler);

    /// <summary>Attaches a handler for the whole namespace (generated code registers itself here).</summary>
    public ServerNamespace AddHandler(INamespaceHandler handler) => AddTo(ref _typedHandlers, handler);

    /// <summary>Targets every socket of the namespace.</summary>
    public BroadcastOperator All => new(this);

    /// <summary>Targets the sockets in <paramref name="room"/>.</summary>
    public BroadcastOperator To(string room) => All.To(room);

    /// <summary>Targets the sockets in any of <paramref name="rooms"/>.</summary>
    public BroadcastOperator To(IEnumerable<string> rooms) => All.To(rooms);

    /// <summary>Same as <see cref="To(string)"/>.</summary>
    public BroadcastOperator In(string room) => All.To(room);

    /// <summary>Targets every socket except those in <paramref name="room"/>.</summary>
    public BroadcastOperator Except(string room) => All.Except(room);

    /// <summary>Sends an event to every socket of the namespace.</summary>
    public ValueTask EmitAsync(string eventName, params object?[] args) => All.EmitAsync(eventName, args);

    /// <summary>Sends an event to every socket and gathers their answers.</summary>
    public Task<IReadOnlyList<EventArguments>> EmitWithAckAsync(string eventName, params object?[] args) => All.EmitWithAckAsync(eventName, args);

    /// <summary>Returns every socket of the namespace.</summary>
    public ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync() => All.FetchSocketsAsync();

    /// <summary>Makes every socket in <paramref name="room"/> leave it.</summary>
    public ValueTask CloseRoomAsync(string room) => All.To(room).SocketsLeaveAsync(room);

    /// <summary>Disconnects every socket of the namespace.</summary>
    public ValueTask DisconnectSocketsAsync(bool close = false) => All.DisconnectSocketsAsync(close);

    /// <summary>Sends an event to the other servers of a cluster (nothing on a single server).</summary>
    public ValueTask ServerSideEmitAsync(string eventName, params object?[] args)
    {
        return Adapter.ServerSideEmitAsync(PacketBuilder.EncodeEvent(Name, eventName, args, Server.JsonOptions));
    }

    internal long NextAckId() => Interlocked.Increment(ref _nextAckId) - 1;

    internal void ForgetAck(long ackId)
    {
        foreach (var socket in _sockets.Values)
        {
            socket.RemoveAck(ackId);
        }
    }

    internal void Remove(Socket socket) => _sockets.TryRemove(new KeyValuePair<string, Socket>(socket.Id, socket));

    /// <summary>Runs middleware and connect handlers; on success the socket is connected and answered.</summary>
    internal async ValueTask ConnectAsync(Socket socket)
    {
        try
        {
            await _adapterReady.ConfigureAwait(false);
            foreach (var middleware in _middleware)
            {
                await middleware(socket).ConfigureAwait(false);
            }

            // In the namespace and its own room before the connect handlers, so they can reach it.
            _sockets[socket.Id] = socket;
            await Adapter.AddAllAsync(socket.Id, [socket.Id]).ConfigureAwait(false);

            foreach (var handler in _typedHandlers)
            {
                await handler.OnConnectAsync(socket).ConfigureAwait(false);
            }

            foreach (var handler in _connectHandlers)
            {
                await handler(socket).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            socket.MarkRefused();
            Remove(socket);
            await Adapter.DelAllAsync(socket.Id).ConfigureAwait(false);
            if (exception is ConnectionRefusedException refused)
            {
                Server.Log.ConnectionRefused(Name, refused.Message);
                socket.Client.Send(ConnectErrorPacket(refused.Message, refused.ErrorData), isVolatile: false);
            }
            else
            {
                Server.Log.ConnectHandlerFailed(exception, Name);
                socket.Client.Send(ConnectErrorPacket("Server error", null), isVolatile: false);
            }

            return;
        }

        socket.MarkConnected(ConnectPacket(socket.Id));
        Server.Log.SocketConnected(socket.Id, Name);
    }

    internal OutgoingPacket ConnectErrorPacket(string message, object? data) => ConnectErrorPacketFor(Name, message, data);

    /// <summary>A CONNECT_ERROR for <paramref name="namespaceName"/> (which may be a namespace that does not exist).</summary>
    internal OutgoingPacket ConnectErrorPacketFor(string namespaceName, string message, object? data = null) =>
        ControlPackets.ConnectError(namespaceName, message, data, Server.JsonOptions);

    internal OutgoingPacket ConnectPacket(string socketId) => ControlPackets.Connect(Name, socketId);

    /// <summary>Starts the handler of one event; the returned task ends when the handler does.</summary>
    internal ValueTask DispatchAsync(Socket socket, IncomingEvent incoming)
    {
        if (_anyHandlers.Length == 0)
        {
            foreach (var handler in _typedHandlers)
            {
                if (handler.TryDispatch(socket, incoming, out var handling))
                {
                    return handling;
                }
            }

            if (TryFindHandler(incoming.NameUtf8.Span, out var eventHandler))
            {
                return eventHandler(new SocketIOEvent(socket, incoming.Name, incoming.Arguments, incoming.AckId));
            }
        }

        return DispatchSlowAsync(socket, incoming);
    }

    private async ValueTask DispatchSlowAsync(Socket socket, IncomingEvent incoming)
    {
        var e = new SocketIOEvent(socket, incoming.Name, incoming.Arguments, incoming.AckId);
        foreach (var any in _anyHandlers)
        {
            await any(e).ConfigureAwait(false);
        }

        foreach (var handler in _typedHandlers)
        {
            if (handler.TryDispatch(socket, incoming, out var handling))
            {
                await handling.ConfigureAwait(false);
                return;
            }
        }

        if (TryFindHandler(incoming.NameUtf8.Span, out var eventHandler))
        {
            await eventHandler(e).ConfigureAwait(false);
        }
        else if (_fallback is { } fallback)
        {
            await fallback(e).ConfigureAwait(false);
        }
        else
        {
            Server.Log.NoHandler(e.Name, Name);
        }
    }

    private bool TryFindHandler(ReadOnlySpan<byte> nameUtf8, out Func<SocketIOEvent, ValueTask> handler)
    {
        handler = null!;
        if (_eventHandlers.Count == 0 || nameUtf8.Length > 256)
        {
            return _eventHandlers.Count > 0 && _eventHandlers.TryGetValue(Encoding.UTF8.GetString(nameUtf8), out handler!);
        }

        Span<char> chars = stackalloc char[nameUtf8.Length];
        var count = Encoding.UTF8.GetChars(nameUtf8, chars);
        lock (_eventHandlers)
        {
            return _eventLookup.TryGetValue(chars[..count], out handler!);
        }
    }

    internal async ValueTask OnDisconnectingAsync(Socket socket, DisconnectReason reason)
    {
        foreach (var handler in _typedHandlers)
        {
            await Guard(() => handler.OnDisconnectingAsync(socket, reason)).ConfigureAwait(false);
        }

        foreach (var handler in _disconnectingHandlers)
        {
            await Guard(() => handler(socket, reason)).ConfigureAwait(false);
        }
    }

    internal async ValueTask OnDisconnectAsync(Socket socket, DisconnectReason reason)
    {
        Server.Log.SocketDisconnected(socket.Id, Name, reason.ToWireString());
        foreach (var handler in _typedHandlers)
        {
            await Guard(() => handler.OnDisconnectAsync(socket, reason)).ConfigureAwait(false);
        }

        foreach (var handler in _disconnectHandlers)
        {
            await Guard(() => handler(socket, reason)).ConfigureAwait(false);
        }
    }

    private async ValueTask Guard(Func<ValueTask> handler)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Server.Log.DisconnectHandlerFailed(exception, Name);
        }
    }

    private ServerNamespace AddTo<T>(ref T[] handlers, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_registration)
        {
            handlers = [.. handlers, item];
        }

        return this;
    }
}
