using System.Text;
using System.Text.Json;
using TypedSocketIO.Diagnostics;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;

namespace TypedSocketIO;

/// <summary>
/// The Socket.IO side of one Engine.IO connection: decodes its packets, reassembles binary
/// ones, and routes them to the sockets it has in each namespace.
/// </summary>
internal sealed partial class ClientConnection
{
    private static readonly JsonElement EmptyAuth = JsonDocument.Parse("{}").RootElement.Clone();

    private readonly SocketIOServer _server;
    // The connection is internal and never handed to user code, so it serves as its own lock: one
    // object less for every connection.
    private object SyncRoot => this;

    private Timer? _connectTimeout; // dropped once a namespace is joined: an idle connection keeps no timer of its own
    private Socket[] _sockets = [];
    private BinaryPacketAssembly? _assembly;
    private Timer? _attachmentTimeout;
    private bool _everConnected;
    private string? _closedReason;

    public ClientConnection(SocketIOServer server, EngineIOConnection connection)
    {
        _server = server;
        Connection = connection;
        _connectTimeout = new Timer(static state => ((ClientConnection)state!).OnConnectTimeout(), this, server.Options.ConnectTimeout, Timeout.InfiniteTimeSpan);
    }

    public EngineIOConnection Connection { get; }

    public void Send(OutgoingPacket packet, bool isVolatile)
    {
        _server.RaisePacketSent(Connection, packet);
        var attachments = packet.Attachments;
        if (attachments.Count == 0)
        {
            Connection.Send([EngineFrame.Text(packet.Frame)], isVolatile);
            return;
        }

        var frames = new EngineFrame[attachments.Count + 1];
        frames[0] = EngineFrame.Text(packet.Frame);
        for (var i = 0; i < attachments.Count; i++)
        {
            frames[i + 1] = EngineFrame.Binary(attachments[i]);
        }

        Connection.Send(frames, isVolatile);
    }

    public async ValueTask OnMessageAsync(EngineIOMessage message)
    {
        if (message.IsBinary)
        {
            if (_assembly is not { } assembly)
            {
                Violation("binary message without a packet expecting it");
                return;
            }

            if (assembly.Add(message.Data))
            {
                _assembly = null;
                _attachmentTimeout?.Change(Timeout.Infinite, Timeout.Infinite);
                await RouteAsync(assembly.Packet, assembly.Attachments).ConfigureAwait(false);
            }

            return;
        }

        if (_assembly is not null)
        {
            Violation("text message while binary attachments were expected");
            return;
        }

        SocketIOPacket packet;
        try
        {
            packet = SocketIOPacketDecoder.Decode(message.Data, _server.Options.DecoderLimits);
        }
        catch (ProtocolException exception)
        {
            Violation(exception.Message);
            return;
        }

        switch (packet.Type)
        {
            case SocketIOPacketType.Connect:
                await ConnectAsync(packet).ConfigureAwait(false);
                break;
            case SocketIOPacketType.Disconnect:
                if (Find(packet.Namespace.Span) is { } leaving)
                {
                    await leaving.CloseAsync(DisconnectReason.ClientNamespaceDisconnect, notifyClient: false).ConfigureAwait(false);
                }

                break;
            case SocketIOPacketType.ConnectError:
                Violation("CONNECT_ERROR sent by a client");
                break;
            default:
                if (packet.AttachmentCount > 0)
                {
                    _assembly = new BinaryPacketAssembly(packet);
                    WaitForAttachments(_assembly);
                }
                else
                {
                    await RouteAsync(packet, null).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <summary>Closes the connection if the attachments of <paramref name="assembly"/> do not all arrive in time.</summary>
    private void WaitForAttachments(BinaryPacketAssembly assembly)
    {
        _attachmentTimeout ??= new Timer(static state =>
        {
            var client = (ClientConnection)state!;
            if (client._assembly is not null)
            {
                client.Violation("binary attachments did not arrive in time");
            }
        }, this, Timeout.Infinite, Timeout.Infinite);
        _attachmentTimeout.Change(_server.Options.AttachmentTimeout, Timeout.InfiniteTimeSpan);
    }

    private ValueTask RouteAsync(SocketIOPacket packet, ReadOnlyMemory<byte>[]? attachments)
    {
        if (Find(packet.Namespace.Span) is not { } socket)
        {
            Violation("packet for a namespace the client has not joined");
            return ValueTask.CompletedTask;
        }

        if (packet.IsAck)
        {
            // Never waits for a slot: a running handler may be waiting for this very answer.
            socket.OnAck(packet.AckId, EventArguments.Of(packet, attachments, _server.JsonOptions));
            return ValueTask.CompletedTask;
        }

        if (ReservedEvents.IsReserved(packet.EventName.Span))
        {
            Violation("reserved event name");
            return ValueTask.CompletedTask;
        }

        if (!TryTakeSlot(socket))
        {
            return DispatchWhenFreeAsync(socket, packet, attachments);
        }

        Dispatch(socket, packet, attachments);
        return ValueTask.CompletedTask;
    }

    /// <summary>Holds the read loop (and so the client) until the socket has a free slot.</summary>
    private async ValueTask DispatchWhenFreeAsync(Socket socket, SocketIOPacket packet, ReadOnlyMemory<byte>[]? attachments)
    {
        if (await WaitForSlotAsync(socket).ConfigureAwait(false))
        {
            Dispatch(socket, packet, attachments);
        }
    }

    /// <summary>Starts the handler of an event in a slot taken for it; the slot is freed when the handler ends.</summary>
    private void Dispatch(Socket socket, SocketIOPacket packet, ReadOnlyMemory<byte>[]? attachments)
    {
        var arguments = EventArguments.Of(packet, attachments, _server.JsonOptions);
        var incoming = new IncomingEvent(packet.EventName, arguments, packet.AckId);
        var telemetry = HandlerTelemetry.Start(_server.Metrics, socket, incoming);
        ValueTask handling;
        try
        {
            handling = socket.Namespace.DispatchAsync(socket, incoming);
        }
        catch (ArgumentBindingException exception)
        {
            ReleaseSlot(socket);
            telemetry.Fail(exception);
            _server.Log.BadArguments(incoming.Name, socket.Namespace.Name, socket.Id, exception.Message);
            return;
        }
        catch (Exception exception)
        {
            ReleaseSlot(socket);
            telemetry.Fail(exception);
            _server.Log.EventHandlerFailed(exception, incoming.Name, socket.Namespace.Name);
            return;
        }
        finally
        {
            telemetry.LeaveCurrent();
        }

        if (handling.IsCompletedSuccessfully)
        {
            ReleaseSlot(socket);
            telemetry.Succeed();
            return;
        }

        // Handlers run concurrently, as in Node: one slow handler must not stall the connection.
        _ = ObserveAsync(handling, incoming, socket, telemetry);
    }

    private async Task ObserveAsync(ValueTask handling, IncomingEvent incoming, Socket socket, HandlerTelemetry telemetry)
    {
        try
        {
            await handling.ConfigureAwait(false);
            telemetry.Succeed();
        }
        catch (Exception exception)
        {
            telemetry.Fail(exception);
            _server.Log.EventHandlerFailed(exception, incoming.Name, socket.Namespace.Name);
        }
        finally
        {
            ReleaseSlot(socket);
        }
    }

    private async ValueTask ConnectAsync(SocketIOPacket packet)
    {
        var name = Encoding.UTF8.GetString(packet.Namespace.Span);
        if (Find(packet.Namespace.Span) is not null)
        {
            return; // Already connected there: a repeated CONNECT changes nothing.
        }

        if (!_server.TryGetNamespace(name, out var ns))
        {
            _server.Log.UnknownNamespace(Connection.Id, name);
            Send(_server.InvalidNamespacePacket(name), isVolatile: false);
            return;
        }

        // No second CONNECT can overlap this one: a connection's packets are handled one at a time,
        // and a POST still in flight when the WebSocket takes over is handled first.
        await JoinAsync(ns, packet).ConfigureAwait(false);
    }

    private async ValueTask JoinAsync(ServerNamespace ns, SocketIOPacket packet)
    {
        var auth = packet.Payload.IsEmpty ? EmptyAuth : JsonDocument.Parse(packet.Payload).RootElement.Clone();
        var socket = new Socket(RandomIds.New(), ns, this, new SocketHandshake(Connection.Handshake, auth));
        await ns.ConnectAsync(socket).ConfigureAwait(false);
        if (!socket.Connected)
        {
            return;
        }

        string? closedReason;
        lock (SyncRoot)
        {
            _sockets = [.. _sockets, socket];
            _everConnected = true;
            closedReason = _closedReason;
        }

        StopConnectTimeout(); // joined a namespace: the timer has done its work

        if (closedReason is not null)
        {
            await socket.CloseAsync(DisconnectReasonExtensions.FromEngineReason(closedReason), notifyClient: false).ConfigureAwait(false);
        }
    }

    private Socket? Find(ReadOnlySpan<byte> namespaceUtf8)
    {
        foreach (var socket in Volatile.Read(ref _sockets))
        {
            if (namespaceUtf8.SequenceEqual(socket.Namespace.NameUtf8))
            {
                return socket;
            }
        }

        return null;
    }

    public void Remove(Socket socket)
    {
        lock (SyncRoot)
        {
            _sockets = Array.FindAll(_sockets, s => s != socket);
        }
    }

    /// <summary>Disconnects every socket of this client (each is told), then closes the connection.</summary>
    public async ValueTask DisconnectAllAsync()
    {
        foreach (var socket in Volatile.Read(ref _sockets))
        {
            await socket.CloseAsync(DisconnectReason.ServerNamespaceDisconnect, notifyClient: true).ConfigureAwait(false);
        }

        Connection.Close();
    }

    /// <summary>The Engine.IO connection closed: every socket leaves with the matching reason.</summary>
    public void OnClosed(string reason)
    {
        Socket[] sockets;
        lock (SyncRoot)
        {
            _closedReason = reason;
            sockets = _sockets;
        }

        StopConnectTimeout();
        _attachmentTimeout?.Dispose();
        OnLeft(); // a read loop waiting for a slot drops its event
        var disconnectReason = DisconnectReasonExtensions.FromEngineReason(reason);
        foreach (var socket in sockets)
        {
            if (!socket.LeftToShutdown) // the server's shutdown runs those handlers, a bounded number at a time
            {
                _ = CloseSocketAsync(socket, disconnectReason);
            }
        }
    }

    private async Task CloseSocketAsync(Socket socket, DisconnectReason reason)
    {
        try
        {
            await socket.CloseAsync(reason, notifyClient: false).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _server.Log.DisconnectHandlerFailed(exception, socket.Namespace.Name);
        }
    }

    private void StopConnectTimeout() => Interlocked.Exchange(ref _connectTimeout, null)?.Dispose();

    private void OnConnectTimeout()
    {
        bool everConnected;
        lock (SyncRoot)
        {
            everConnected = _everConnected;
        }

        if (!everConnected && Connection.IsOpen)
        {
            _server.Log.ConnectTimeout(Connection.Id);
            Connection.Close();
        }
    }

    private void Violation(string detail)
    {
        _server.Log.ProtocolViolation(Connection.Id, detail);
        Connection.Close(EngineIOCloseReason.ParseError);
    }
}
