using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// The <c>server_stats</c> message, every interval and once at start, in development and
/// production alike: <c>{serverId, hostname, pid, uptime, clientsCount, pollingClientsCount,
/// aggregatedEvents, namespaces: [{name, socketsCount}]}</c>, as Node's package sends it.
/// </summary>
internal sealed class ServerStats : IDisposable
{
    private readonly SocketIOServer _server;
    private readonly AdminPackets _packets;
    private readonly AdminBroadcast _broadcast;
    private readonly TimeProvider _time;
    private readonly AggregatedEvents _events;
    private readonly ConcurrentDictionary<string, byte> _pollingConnections = new(StringComparer.Ordinal);
    private readonly string _serverId;
    private readonly string _hostname = Dns.GetHostName();
    private readonly DateTimeOffset _processStarted = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private ITimer? _timer;

    public ServerStats(SocketIOServer server, AdminPackets packets, AdminBroadcast broadcast, TimeProvider time, string? serverId, TimeSpan interval, ILogger logger)
    {
        _logger = logger;
        _server = server;
        _packets = packets;
        _broadcast = broadcast;
        _time = time;
        _events = new AggregatedEvents(time);
        _serverId = serverId ?? _hostname;
        _interval = interval;
    }

    public void Start()
    {
        _server.ConnectionOpened += OnConnectionOpened;
        _server.ConnectionUpgraded += OnConnectionUpgraded;
        _server.ConnectionClosed += OnConnectionClosed;
        _server.MessageReceived += OnMessageReceived;
        _server.PacketSent += OnPacketSent;
        _timer = _time.CreateTimer(static state => ((ServerStats)state!).Emit(), this, TimeSpan.Zero, _interval);
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _server.ConnectionOpened -= OnConnectionOpened;
        _server.ConnectionUpgraded -= OnConnectionUpgraded;
        _server.ConnectionClosed -= OnConnectionClosed;
        _server.MessageReceived -= OnMessageReceived;
        _server.PacketSent -= OnPacketSent;
    }

    private void OnConnectionOpened(EngineIOConnection connection)
    {
        _events.Add("rawConnection");
        if (connection.Transport == EngineIOTransports.Polling)
        {
            _pollingConnections.TryAdd(connection.Id, 0);
        }
    }

    private void OnConnectionUpgraded(EngineIOConnection connection) => _pollingConnections.TryRemove(connection.Id, out _);

    private void OnConnectionClosed(EngineIOConnection connection, string reason)
    {
        _pollingConnections.TryRemove(connection.Id, out _);
        _events.Add("rawDisconnection", reason);
    }

    // As Node's package counts Engine.IO packets with data: a Socket.IO packet and each of its attachments.
    private void OnMessageReceived(EngineIOConnection connection, EngineIOMessage message)
    {
        _events.Add("packetsIn");
        _events.Add("bytesIn", count: message.Data.Length);
    }

    private void OnPacketSent(EngineIOConnection connection, OutgoingPacket packet)
    {
        long bytes = packet.Frame.Length - 1; // without Engine.IO's message digit
        foreach (var attachment in packet.Attachments)
        {
            bytes += attachment.Length;
        }

        _events.Add("packetsOut", count: 1 + packet.Attachments.Count);
        _events.Add("bytesOut", count: bytes);
    }

    private void Emit()
    {
        try
        {
            if (_broadcast.HasAudience)
            {
                _broadcast.Send(_packets.ServerStats(Write));
            }
            else
            {
                _events.ClearCompleted(); // nobody to tell: the counts must not pile up meanwhile
            }
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "The admin UI's server stats could not be sent.");
        }
    }

    private void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("serverId"u8, _serverId);
        json.WriteString("hostname"u8, _hostname);
        json.WriteNumber("pid"u8, Environment.ProcessId);
        json.WriteNumber("uptime"u8, Math.Round((_time.GetUtcNow() - _processStarted).TotalSeconds, 3));
        json.WriteNumber("clientsCount"u8, _server.ConnectionCount);
        json.WriteNumber("pollingClientsCount"u8, _pollingConnections.Count);
        json.WritePropertyName("aggregatedEvents"u8);
        _events.WriteCompletedAndClear(json);
        json.WriteStartArray("namespaces"u8);
        foreach (var ns in _server.Namespaces)
        {
            json.WriteStartObject();
            json.WriteString("name"u8, ns.Name);
            json.WriteNumber("socketsCount"u8, ns.SocketsById.Count);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
