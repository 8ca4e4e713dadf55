using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypedSocketIO.Diagnostics;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO;

/// <summary>
/// The Socket.IO server: its namespaces and every connection. Inject it anywhere (controllers,
/// background services) to emit, as SignalR's <c>IHubContext</c>.
/// </summary>
public sealed partial class SocketIOServer
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
    /// <param name="options">The settings.</param>
    /// <param name="loggerFactory">Where the server logs; nowhere when null.</param>
    /// <param name="meterFactory">Makes the <see cref="SocketIOTelemetry.MeterName"/> meter (the host's, from DI); an unscoped meter when null.</param>
    public SocketIOServer(IOptions<SocketIOOptions> options, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
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
        Metrics = SocketIOMetrics.For(meterFactory);
        Engine = new EngineIOServer(Options.EngineIO, new EngineHandler(this), (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TypedSocketIO.EngineIO"), Metrics);
        MainNamespace = Of("/");
    }

    /// <summary>The settings in force.</summary>
    public SocketIOOptions Options { get; }

    /// <summary>The JSON settings arguments are read and written with.</summary>
    public JsonSerializerOptions JsonOptions { get; }

    /// <summary>The main namespace, <c>/</c>.</summary>
    public ServerNamespace MainNamespace { get; }

    /// <summary>Every namespace created so far.</summary>
    public ICollection<ServerNamespace> Namespaces => _namespaces.Values;

    /// <summary>How many Engine.IO connections are open.</summary>
    public int ConnectionCount => Engine.SessionCount;

    internal EngineIOServer Engine { get; }

    internal ILogger Log { get; }

    /// <summary>Authenticates auth-payload tokens and checks <c>[Authorize]</c> rules; set by <c>MapSocketIO()</c>.</summary>
    internal ISocketAuthorizer? Authorizer { get; set; }

    internal SocketIOMetrics Metrics { get; }

    /// <summary>Whether <see cref="CloseAsync"/> has begun (the health check reports it).</summary>
    internal bool IsStopping => Volatile.Read(ref _closing) is not null;

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
    public BroadcastOperator To(string room) => MainNamespace.To(room);

    /// <summary>Targets every socket of the main namespace but those in <paramref name="room"/>.</summary>
    public BroadcastOperator Except(string room) => MainNamespace.Except(room);

    /// <summary>Sends an event to every socket of the main namespace.</summary>
    public ValueTask EmitAsync(string eventName, params object?[] args) => MainNamespace.EmitAsync(eventName, args);

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

    /// <summary>True the first time only: the class-based namespaces added with <c>AddNamespace</c> are attached once.</summary>
    internal bool BeginAttachingNamespaces() => Interlocked.Exchange(ref _namespacesAttached, 1) == 0;

    internal OutgoingPacket InvalidNamespacePacket(string name) =>
        Of("/").ConnectErrorPacketFor(name, "Invalid namespace");

    /// <summary>The Engine.IO side of the server: each session gets its <see cref="ClientConnection"/>.</summary>
    private sealed class EngineHandler(SocketIOServer server) : IEngineIOHandler
    {
        public void OnConnected(EngineIOConnection connection)
        {
            connection.HandlerState = new ClientConnection(server, connection);
            server.RaiseConnectionOpened(connection);
        }

        public ValueTask OnMessageAsync(EngineIOConnection connection, EngineIOMessage message)
        {
            server.RaiseMessageReceived(connection, message);
            return ((ClientConnection)connection.HandlerState!).OnMessageAsync(message);
        }

        public void OnUpgraded(EngineIOConnection connection) => server.RaiseConnectionUpgraded(connection);

        public void OnClosed(EngineIOConnection connection, string reason)
        {
            (connection.HandlerState as ClientConnection)?.OnClosed(reason);
            server.RaiseConnectionClosed(connection, reason);
        }
    }
}
