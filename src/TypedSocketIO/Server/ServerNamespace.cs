using System.Collections.Concurrent;
using System.Text;
using TypedSocketIO.Diagnostics;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO;

/// <summary>
/// A namespace on the server (<c>/</c>, <c>/chat</c>, ...): its sockets, middleware, handlers
/// and adapter. Handlers are plain delegates registered here or a generated
/// <see cref="INamespaceHandler"/>. The connect flow is in <c>ServerNamespace.Connect.cs</c>,
/// the dispatch of events and disconnections in <c>ServerNamespace.Dispatch.cs</c>.
/// </summary>
public sealed partial class ServerNamespace
{
    private readonly ConcurrentDictionary<string, Socket> _sockets = new(StringComparer.Ordinal);
    private readonly NamespaceHandlers _handlers = new();
    private readonly Task _adapterReady; // the adapter's InitAsync
    private long _nextAckId;
    private EventNameTags? _eventNameTags; // made when telemetry first asks

    internal ServerNamespace(SocketIOServer server, string name)
    {
        Server = server;
        Name = name;
        NameUtf8 = Encoding.UTF8.GetBytes(name);
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

    /// <summary>How telemetry tags this namespace's event names (bounded: clients choose them).</summary>
    internal EventNameTags EventNameTags
    {
        get
        {
            if (_eventNameTags is null)
            {
                Interlocked.CompareExchange(ref _eventNameTags, new EventNameTags(Name), null);
            }

            return _eventNameTags;
        }
    }

    /// <summary>Adds middleware, run in order before a socket connects; throw <see cref="ConnectionRefusedException"/> to refuse.</summary>
    public ServerNamespace Use(Func<Socket, ValueTask> middleware)
    {
        _handlers.AddMiddleware(middleware);
        return this;
    }

    /// <summary>Runs when a socket connects (after middleware); throw <see cref="ConnectionRefusedException"/> to refuse.</summary>
    public ServerNamespace OnConnect(Func<Socket, ValueTask> handler)
    {
        _handlers.AddConnectHandler(handler);
        return this;
    }

    /// <summary>Runs when a socket is leaving, while it is still in its rooms.</summary>
    public ServerNamespace OnDisconnecting(Func<Socket, DisconnectReason, ValueTask> handler)
    {
        _handlers.AddDisconnectingHandler(handler);
        return this;
    }

    /// <summary>Runs when a socket has left.</summary>
    public ServerNamespace OnDisconnect(Func<Socket, DisconnectReason, ValueTask> handler)
    {
        _handlers.AddDisconnectHandler(handler);
        return this;
    }

    /// <summary>
    /// Handles the event <paramref name="eventName"/>; <c>"*"</c> registers the catch-all that
    /// receives every event no other handler takes.
    /// </summary>
    public ServerNamespace On(string eventName, Func<SocketIOEvent, ValueTask> handler)
    {
        _handlers.SetEventHandler(eventName, handler);
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
    public ServerNamespace OnAny(Func<SocketIOEvent, ValueTask> handler)
    {
        _handlers.AddAnyHandler(handler);
        return this;
    }

    /// <summary>Attaches a handler for the whole namespace (a class-based namespace's generated dispatcher, when Socket.IO is mapped).</summary>
    internal ServerNamespace AddHandler(INamespaceHandler handler)
    {
        _handlers.AddTypedHandler(handler);
        return this;
    }

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
}
