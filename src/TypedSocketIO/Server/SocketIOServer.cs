using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO;

/// <summary>
/// The Socket.IO server: its namespaces and every connection. Inject it anywhere (controllers,
/// background services) to emit, as SignalR's <c>IHubContext</c>.
/// </summary>
public sealed partial class SocketIOServer : IEngineIOHandler
{
    // Disconnect handlers run at once during shutdown, as many as this: enough to overlap handlers
    // that wait on I/O, few enough that 100 000 sockets do not start 100 000 handlers together.
    private const int ShutdownParallelism = 64;

    private readonly ConcurrentDictionary<string, ServerNamespace> _namespaces = new(StringComparer.Ordinal);
    private readonly Lock _closeLock = new();
    private readonly Lock _createLock = new();
    private Task? _closing;
    private int _namespacesAttached;

    /// <summary>Creates a server with <paramref name="options"/>.</summary>
    public SocketIOServer(IOptions<SocketIOOptions> options, ILoggerFactory? loggerFactory = null)
    {
        Options = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxConcurrentHandlersPerSocket, 1, "SocketIOOptions.MaxConcurrentHandlersPerSocket");
        if (!Options.JsonSerializerOptions.IsReadOnly && Options.JsonSerializerOptions.TypeInfoResolverChain.Count == 0)
        {
            // Under NativeAOT with no context added, primitives are still written by hand; anything else fails with a clear error.
            Options.JsonSerializerOptions.TypeInfoResolverChain.Add(System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine());
        }

        Options.JsonSerializerOptions.MakeReadOnly();
        JsonOptions = Options.JsonSerializerOptions;
        Log = new RateLimitedLogger((loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TypedSocketIO"), SocketIOLog.ClientCausedEventIds, Options.EngineIO.TimeProvider);
        Engine = new EngineIOServer(Options.EngineIO, this, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TypedSocketIO.EngineIO"));
        Sockets = Of("/");
    }

    /// <summary>The settings in force.</summary>
    public SocketIOOptions Options { get; }

    /// <summary>The JSON settings arguments are read and written with.</summary>
    public JsonSerializerOptions JsonOptions { get; }

    /// <summary>The main namespace, <c>/</c>.</summary>
    public ServerNamespace Sockets { get; }

    /// <summary>Every namespace created so far.</summary>
    public ICollection<ServerNamespace> Namespaces => _namespaces.Values;

    /// <summary>How many Engine.IO connections are open.</summary>
    public int ConnectionCount => Engine.SessionCount;

    internal EngineIOServer Engine { get; }

    internal ILogger Log { get; }

    /// <summary>Returns the namespace at <paramref name="name"/>, creating it on first use.</summary>
    public ServerNamespace Of(string name)
    {
        if (!name.StartsWith('/'))
        {
            name = "/" + name;
        }

        return _namespaces.TryGetValue(name, out var existing) ? existing : Create(name);
    }

    /// <summary>Makes a namespace once, however many threads ask for it at the same time.</summary>
    private ServerNamespace Create(string name)
    {
        ServerNamespace created;
        lock (_createLock)
        {
            if (_namespaces.TryGetValue(name, out var existing))
            {
                return existing;
            }

            created = new ServerNamespace(this, name);
            _namespaces[name] = created;
        }

        RaiseNamespaceCreated(created);
        return created;
    }

    /// <summary>Finds an existing namespace.</summary>
    public bool TryGetNamespace(string name, [NotNullWhen(true)] out ServerNamespace? ns) => _namespaces.TryGetValue(name, out ns);

    /// <summary>Targets the sockets of the main namespace in <paramref name="room"/>.</summary>
    public BroadcastOperator To(string room) => Sockets.To(room);

    /// <summary>Targets every socket of the main namespace but those in <paramref name="room"/>.</summary>
    public BroadcastOperator Except(string room) => Sockets.Except(room);

    /// <summary>Sends an event to every socket of the main namespace.</summary>
    public ValueTask EmitAsync(string eventName, params object?[] args) => Sockets.EmitAsync(eventName, args);

    /// <summary>Sends an event to every socket of every namespace.</summary>
    public async ValueTask EmitToAllNamespacesAsync(string eventName, params object?[] args)
    {
        foreach (var ns in _namespaces.Values)
        {
            await ns.EmitAsync(eventName, args).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops the server. At once: new connections are refused, every connection is closed (clients
    /// see the transport close and may reconnect elsewhere), and pending acknowledgements fail
    /// (<see cref="SocketDisconnectedException"/> for one socket, <see cref="BroadcastAckTimeoutException"/>
    /// for a broadcast). Then every socket leaves with <see cref="DisconnectReason.ServerShuttingDown"/>,
    /// a bounded number of disconnect handlers running at a time; the task ends when the last one does.
    /// Calling it again returns the same task.
    /// </summary>
    public Task CloseAsync()
    {
        lock (_closeLock)
        {
            return _closing ??= BeginClose();
        }
    }

    private Task BeginClose()
    {
        Log.ShuttingDown(Engine.SessionCount);
        Engine.StopAccepting();
        var sockets = _namespaces.Values.SelectMany(ns => ns.SocketsById.Values).ToArray();
        foreach (var socket in sockets)
        {
            socket.LeaveToShutdown();
        }

        // Their connections now leave these sockets to the loop below; a socket that joins later
        // finds its connection closed and leaves by itself.
        Engine.CloseAll(EngineIOCloseReason.ServerShuttingDown);

        // Off the caller's thread: the host's stopping callbacks must not wait for user handlers.
        return Task.Run(() => DisconnectAllAsync(sockets));
    }

    private async Task DisconnectAllAsync(Socket[] sockets)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ShutdownParallelism };
        await Parallel.ForEachAsync(sockets, parallel, async (socket, _) =>
        {
            try
            {
                await socket.CloseAsync(DisconnectReason.ServerShuttingDown, notifyClient: false).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Log.DisconnectHandlerFailed(exception, socket.Namespace.Name);
            }
        }).ConfigureAwait(false);

        foreach (var ns in _namespaces.Values)
        {
            await ns.Adapter.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Attaches the class-based namespaces added with <c>AddNamespace</c>, once.</summary>
    internal void AttachNamespaces(IEnumerable<INamespaceRegistration> registrations, IServiceProvider services)
    {
        if (Interlocked.Exchange(ref _namespacesAttached, 1) == 1)
        {
            return;
        }

        foreach (var registration in registrations)
        {
            registration.Attach(this, services);
        }
    }

    internal OutgoingPacket InvalidNamespacePacket(string name) =>
        Of("/").ConnectErrorPacketFor(name, "Invalid namespace");

    void IEngineIOHandler.OnConnected(EngineIOConnection connection)
    {
        connection.HandlerState = new ClientConnection(this, connection);
        RaiseConnectionOpened(connection);
    }

    ValueTask IEngineIOHandler.OnMessageAsync(EngineIOConnection connection, EngineIOMessage message)
    {
        RaiseMessageReceived(connection, message);
        return ((ClientConnection)connection.HandlerState!).OnMessageAsync(message);
    }

    void IEngineIOHandler.OnUpgraded(EngineIOConnection connection) => RaiseConnectionUpgraded(connection);

    void IEngineIOHandler.OnClosed(EngineIOConnection connection, string reason)
    {
        (connection.HandlerState as ClientConnection)?.OnClosed(reason);
        RaiseConnectionClosed(connection, reason);
    }
}
