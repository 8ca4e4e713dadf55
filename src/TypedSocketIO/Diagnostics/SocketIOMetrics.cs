using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Diagnostics;

/// <summary>
/// The instruments of the <see cref="SocketIOTelemetry.MeterName"/> meter and the one place each
/// is recorded from. Every method looks at its instrument's <c>Enabled</c> first, so while no
/// listener asks for an instrument its call sites cost a branch and allocate nothing.
/// </summary>
/// <remarks>
/// The gauges (connections, sockets, pending acks) count only what they saw begin: a session
/// opened before a listener came is not subtracted when it closes, as Kestrel's
/// <c>kestrel.active_connections</c> does, so a late listener never sees a negative count.
/// </remarks>
internal sealed class SocketIOMetrics
{
    private static readonly ConditionalWeakTable<IMeterFactory, SocketIOMetrics> ByFactory = new();
    private static readonly Lazy<SocketIOMetrics> Unscoped = new(() => new SocketIOMetrics(new Meter(NewOptions())));

    private static readonly InstrumentAdvice<double> DurationBuckets = new()
    {
        // As http.server.request.duration: handlers are request-sized work.
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    };

    private static readonly InstrumentAdvice<int> FanOutBuckets = new()
    {
        HistogramBucketBoundaries = [0, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000, 50_000, 100_000],
    };

    private readonly UpDownCounter<long> _activeConnections;
    private readonly Counter<long> _upgrades;
    private readonly UpDownCounter<long> _activeSockets;
    private readonly Counter<long> _packets;
    private readonly Counter<long> _bytes;
    private readonly UpDownCounter<long> _pendingAcks;
    private readonly Counter<long> _ackTimeouts;
    private readonly Histogram<int> _broadcastTargets;
    private readonly Counter<long> _disconnects;

    private SocketIOMetrics(Meter meter)
    {
        _activeConnections = meter.CreateUpDownCounter<long>(
            "socketio.server.active_connections", "{connection}", "Engine.IO sessions open now, by transport.");
        _upgrades = meter.CreateCounter<long>(
            "socketio.server.upgrades", "{upgrade}", "Sessions moved from long-polling to a WebSocket.");
        _activeSockets = meter.CreateUpDownCounter<long>(
            "socketio.server.active_sockets", "{socket}", "Sockets connected now, by namespace.");
        _packets = meter.CreateCounter<long>(
            "socketio.server.packets", "{packet}", "Engine.IO packets read from and written to clients, by transport and direction.");
        _bytes = meter.CreateCounter<long>(
            "socketio.server.bytes", "By", "Bytes of the Engine.IO packets read and written (before transport framing), by transport and direction.");
        _pendingAcks = meter.CreateUpDownCounter<long>(
            "socketio.server.pending_acks", "{ack}", "Acknowledgements the server waits for from clients now, by namespace.");
        _ackTimeouts = meter.CreateCounter<long>(
            "socketio.server.ack_timeouts", "{ack}", "Acknowledgements that did not come in time (one per socket that did not answer), by namespace.");
        _broadcastTargets = meter.CreateHistogram(
            "socketio.server.broadcast.targets", "{socket}", "Sockets of this server one broadcast reached, by namespace.", tags: null, FanOutBuckets);
        HandlerDuration = meter.CreateHistogram(
            "socketio.server.handler.duration", "s", "How long event handlers ran, by namespace and event; error.type when one threw.", tags: null, DurationBuckets);
        _disconnects = meter.CreateCounter<long>(
            "socketio.server.disconnects", "{socket}", "Sockets that left their namespace, by namespace and reason.");
    }

    internal Histogram<double> HandlerDuration { get; }

    /// <summary>The instruments of <paramref name="factory"/>'s meter (one set per factory), or of an unscoped meter when there is none.</summary>
    public static SocketIOMetrics For(IMeterFactory? factory) =>
        factory is null ? Unscoped.Value : ByFactory.GetValue(factory, static f => new SocketIOMetrics(f.Create(NewOptions())));

    private static MeterOptions NewOptions() => new(SocketIOTelemetry.MeterName)
    {
        Version = typeof(SocketIOMetrics).Assembly.GetName().Version?.ToString(),
    };

    /// <summary>A session started on <paramref name="transport"/>; <paramref name="metered"/> is the session's own record of how it was counted.</summary>
    public void ConnectionOpened(ref int metered, EngineIOTransports transport)
    {
        if (_activeConnections.Enabled
            && Interlocked.CompareExchange(ref metered, transport == EngineIOTransports.WebSocket ? MeteredAsWebSocket : MeteredAsPolling, NotMetered) == NotMetered)
        {
            _activeConnections.Add(1, TelemetryTags.Of(transport));
        }
    }

    /// <summary>A session moved to a WebSocket; counted as one unless it closed meanwhile.</summary>
    public void ConnectionUpgraded(ref int metered)
    {
        if (_upgrades.Enabled)
        {
            _upgrades.Add(1);
        }

        if (Interlocked.CompareExchange(ref metered, MeteredAsWebSocket, MeteredAsPolling) == MeteredAsPolling)
        {
            _activeConnections.Add(-1, TelemetryTags.Polling);
            _activeConnections.Add(1, TelemetryTags.WebSocket);
        }
    }

    /// <summary>A session closed (once).</summary>
    public void ConnectionClosed(ref int metered)
    {
        switch (Interlocked.Exchange(ref metered, MeteredClosed))
        {
            case MeteredAsPolling:
                _activeConnections.Add(-1, TelemetryTags.Polling);
                break;
            case MeteredAsWebSocket:
                _activeConnections.Add(-1, TelemetryTags.WebSocket);
                break;
        }
    }

    public void PacketReceived(EngineIOTransports transport, int bytes)
    {
        if (_packets.Enabled)
        {
            _packets.Add(1, TelemetryTags.Of(transport), TelemetryTags.Receive);
        }

        if (_bytes.Enabled)
        {
            _bytes.Add(bytes, TelemetryTags.Of(transport), TelemetryTags.Receive);
        }
    }

    public void PacketSent(EngineIOTransports transport, int bytes)
    {
        if (_packets.Enabled)
        {
            _packets.Add(1, TelemetryTags.Of(transport), TelemetryTags.Transmit);
        }

        if (_bytes.Enabled)
        {
            _bytes.Add(bytes, TelemetryTags.Of(transport), TelemetryTags.Transmit);
        }
    }

    /// <summary>A transport wrote <paramref name="frames"/>: one measurement for them all.</summary>
    public void PacketsSent(EngineIOTransports transport, List<EngineFrame> frames)
    {
        if (frames.Count == 0 || !(_packets.Enabled || _bytes.Enabled))
        {
            return;
        }

        long bytes = 0;
        foreach (var frame in frames)
        {
            bytes += frame.Data.Length;
        }

        if (_packets.Enabled)
        {
            _packets.Add(frames.Count, TelemetryTags.Of(transport), TelemetryTags.Transmit);
        }

        if (_bytes.Enabled)
        {
            _bytes.Add(bytes, TelemetryTags.Of(transport), TelemetryTags.Transmit);
        }
    }

    public void SocketConnected(ref MeteredSocket metered, string ns)
    {
        if (_activeSockets.Enabled && Interlocked.Exchange(ref metered.Active, 1) == 0)
        {
            _activeSockets.Add(1, TelemetryTags.NamespaceOf(ns));
        }
    }

    /// <summary>A connected socket left its namespace (once).</summary>
    public void SocketDisconnected(ref MeteredSocket metered, string ns, string reason)
    {
        if (Interlocked.Exchange(ref metered.Active, 0) == 1)
        {
            _activeSockets.Add(-1, TelemetryTags.NamespaceOf(ns));
        }

        if (_disconnects.Enabled)
        {
            _disconnects.Add(1, TelemetryTags.NamespaceOf(ns), new(TelemetryTags.DisconnectReason, reason));
        }
    }

    /// <summary>The server now waits for one more answer from the socket.</summary>
    public void AckAwaited(ref MeteredSocket metered, string ns)
    {
        if (_pendingAcks.Enabled)
        {
            Interlocked.Increment(ref metered.PendingAcks);
            _pendingAcks.Add(1, TelemetryTags.NamespaceOf(ns));
        }
    }

    /// <summary><paramref name="count"/> awaited answers of the socket came, timed out or were given up.</summary>
    public void AcksSettled(ref MeteredSocket metered, string ns, int count)
    {
        // Only what was counted is uncounted: waits that began before a listener came are not.
        var counted = Volatile.Read(ref metered.PendingAcks);
        while (counted > 0)
        {
            var settled = Math.Min(counted, count);
            var seen = Interlocked.CompareExchange(ref metered.PendingAcks, counted - settled, counted);
            if (seen == counted)
            {
                _pendingAcks.Add(-settled, TelemetryTags.NamespaceOf(ns));
                return;
            }

            counted = seen;
        }
    }

    /// <summary><paramref name="count"/> sockets of <paramref name="ns"/> did not answer in time.</summary>
    public void AcksTimedOut(string ns, int count)
    {
        if (_ackTimeouts.Enabled && count > 0)
        {
            _ackTimeouts.Add(count, TelemetryTags.NamespaceOf(ns));
        }
    }

    /// <summary>A broadcast of <paramref name="ns"/> reached <paramref name="targets"/> sockets of this server.</summary>
    public void Broadcast(string ns, int targets)
    {
        if (_broadcastTargets.Enabled)
        {
            _broadcastTargets.Record(targets, TelemetryTags.NamespaceOf(ns));
        }
    }

    // How a session is counted in active_connections (its MeteredTransport field).
    private const int NotMetered = 0;
    private const int MeteredAsPolling = 1;
    private const int MeteredAsWebSocket = 2;
    private const int MeteredClosed = 3;
}

/// <summary>What <see cref="SocketIOMetrics"/> counted for one socket, so it uncounts exactly that.</summary>
internal struct MeteredSocket
{
    /// <summary>1 while the socket is counted in active_sockets.</summary>
    public int Active;

    /// <summary>The socket's awaited answers counted in pending_acks.</summary>
    public int PendingAcks;
}
