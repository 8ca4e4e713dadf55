using System.Runtime.CompilerServices;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO;

/// <summary>
/// Notifications of the server's namespaces and connections, for monitoring and statistics (the
/// admin UI counts connections, packets and bytes with them; Node offers the same through
/// <c>io.on("new_namespace")</c> and <c>io.engine</c>'s events). Handlers run synchronously on the
/// thread where the thing happens: keep them short. One that throws is logged, and the handlers
/// after it do not run for that notification. Each costs a field read when nobody listens.
/// </summary>
public sealed partial class SocketIOServer
{
    /// <summary>Raised once a namespace is created (<see cref="Of"/>, <c>AddNamespace</c>), before any socket joins it.</summary>
    public event Action<ServerNamespace>? NamespaceCreated;

    /// <summary>Raised when a client opens an Engine.IO connection (a handshake succeeded), before it joins any namespace.</summary>
    public event Action<EngineIOConnection>? ConnectionOpened;

    /// <summary>Raised when a connection moves from long-polling to a WebSocket.</summary>
    public event Action<EngineIOConnection>? ConnectionUpgraded;

    /// <summary>Raised when a connection closes, with Engine.IO's reason (<c>transport close</c>, <c>ping timeout</c>, ...).</summary>
    public event Action<EngineIOConnection, string>? ConnectionClosed;

    /// <summary>
    /// Raised for every message a connection receives (one Socket.IO packet, or one binary
    /// attachment of a packet), before it is handled; heartbeats aside.
    /// </summary>
    public event Action<EngineIOConnection, EngineIOMessage>? MessageReceived;

    /// <summary>
    /// Raised for every Socket.IO packet handed to a connection to send (a broadcast once per
    /// connection), with its binary attachments; heartbeats aside. A volatile packet the
    /// connection then drops is counted all the same.
    /// </summary>
    public event Action<EngineIOConnection, OutgoingPacket>? PacketSent;

    private void RaiseNamespaceCreated(ServerNamespace ns) => Raise(NamespaceCreated, ns, nameof(NamespaceCreated));

    private void RaiseConnectionOpened(EngineIOConnection connection) => Raise(ConnectionOpened, connection, nameof(ConnectionOpened));

    private void RaiseConnectionUpgraded(EngineIOConnection connection) => Raise(ConnectionUpgraded, connection, nameof(ConnectionUpgraded));

    private void RaiseConnectionClosed(EngineIOConnection connection, string reason) => Raise(ConnectionClosed, connection, reason, nameof(ConnectionClosed));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RaiseMessageReceived(EngineIOConnection connection, EngineIOMessage message)
    {
        if (MessageReceived is not null)
        {
            Raise(MessageReceived, connection, message, nameof(MessageReceived));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RaisePacketSent(EngineIOConnection connection, OutgoingPacket packet)
    {
        if (PacketSent is not null)
        {
            Raise(PacketSent, connection, packet, nameof(PacketSent));
        }
    }

    private void Raise<T>(Action<T>? handlers, T argument, string hook)
    {
        try
        {
            handlers?.Invoke(argument);
        }
        catch (Exception exception)
        {
            Log.HookFailed(exception, hook, "the server");
        }
    }

    private void Raise<T1, T2>(Action<T1, T2>? handlers, T1 first, T2 second, string hook)
    {
        try
        {
            handlers?.Invoke(first, second);
        }
        catch (Exception exception)
        {
            Log.HookFailed(exception, hook, "the server");
        }
    }
}
