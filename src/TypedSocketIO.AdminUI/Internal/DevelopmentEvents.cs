using System.Collections.Concurrent;
using System.Collections.Immutable;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// Development mode's live events, for every namespace, those created later included (Node's
/// verbose listeners): <c>socket_connected</c>, <c>socket_updated</c> (transport upgraded, data
/// changed), <c>socket_disconnected</c>, <c>room_joined</c>, <c>room_left</c>, and, outside
/// the admin namespace itself, <c>event_received</c> and <c>event_sent</c>. Nothing is encoded
/// while no admin socket can hear it.
/// </summary>
internal sealed class DevelopmentEvents(SocketIOServer server, ServerNamespace admin, AdminPackets packets, AdminBroadcast broadcast)
{
    private readonly ConcurrentDictionary<ServerNamespace, byte> _watched = new();

    // Sockets whose connection is still on long-polling, by connection id: told of the upgrade.
    private readonly ConcurrentDictionary<string, ImmutableArray<Socket>> _onPolling = new(StringComparer.Ordinal);

    public void Start()
    {
        // Subscribed before the existing namespaces are listed, so that none created meanwhile is missed.
        server.NamespaceCreated += Watch;
        server.ConnectionUpgraded += OnUpgraded;
        server.ConnectionClosed += (connection, reason) => _onPolling.TryRemove(connection.Id, out _);
        foreach (var ns in server.Namespaces)
        {
            Watch(ns);
        }
    }

    private void Watch(ServerNamespace ns)
    {
        if (!_watched.TryAdd(ns, 0))
        {
            return;
        }

        ns.SocketConnected += OnConnected;
        ns.SocketDataChanged += OnDataChanged;
        ns.OnDisconnect(OnDisconnect);
        ns.Adapter.RoomJoined += (room, id) => OnRoom("room_joined", ns, room, id);
        ns.Adapter.RoomLeft += (room, id) => OnRoom("room_left", ns, room, id);
        if (ns != admin)
        {
            // The admin namespace's own traffic would feed itself.
            ns.OnAny(OnReceived);
            ns.OnAnyOutgoing(OnSent);
        }
    }

    private void OnConnected(Socket socket)
    {
        if (socket.Transport == EngineIOTransports.Polling)
        {
            _onPolling.AddOrUpdate(socket.ConnectionId, static (_, s) => [s], static (_, list, s) => list.Add(s), socket);
        }

        if (broadcast.HasAudience)
        {
            broadcast.Send(packets.SocketConnected(socket));
        }
    }

    private void OnDataChanged(Socket socket)
    {
        if (broadcast.HasAudience)
        {
            broadcast.Send(packets.DataUpdated(socket));
        }
    }

    private ValueTask OnDisconnect(Socket socket, DisconnectReason reason)
    {
        if (broadcast.HasAudience)
        {
            broadcast.Send(packets.SocketDisconnected(socket.Namespace.Name, socket.Id, reason.ToWireString()));
        }

        return ValueTask.CompletedTask;
    }

    private void OnRoom(string eventName, ServerNamespace ns, string room, string socketId)
    {
        if (broadcast.HasAudience)
        {
            broadcast.Send(packets.Room(eventName, ns.Name, room, socketId));
        }
    }

    private ValueTask OnReceived(SocketIOEvent e)
    {
        if (broadcast.HasAudience)
        {
            broadcast.Send(packets.Event("event_received", e.Socket.Namespace.Name, e.Socket.Id, e.Name, e.Arguments));
        }

        return ValueTask.CompletedTask;
    }

    private void OnSent(OutgoingEvent e)
    {
        if (broadcast.HasAudience)
        {
            broadcast.Send(packets.Event("event_sent", e.Socket.Namespace.Name, e.Socket.Id, e.Name, e.Arguments));
        }
    }

    private void OnUpgraded(EngineIOConnection connection)
    {
        if (!_onPolling.TryRemove(connection.Id, out var sockets) || !broadcast.HasAudience)
        {
            return;
        }

        foreach (var socket in sockets)
        {
            if (socket.Connected)
            {
                broadcast.Send(packets.TransportUpdated(socket));
            }
        }
    }
}
