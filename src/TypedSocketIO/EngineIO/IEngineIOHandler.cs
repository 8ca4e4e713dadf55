namespace TypedSocketIO.EngineIO;

/// <summary>
/// What a plain Engine.IO endpoint (<see cref="SocketIOEndpointRouteBuilderExtensions.MapEngineIO"/>)
/// does with its sessions; the Socket.IO server is built on one such handler of its own.
/// </summary>
public interface IEngineIOHandler
{
    /// <summary>A session was opened by a handshake.</summary>
    void OnConnected(EngineIOConnection connection);

    /// <summary>A message arrived. Messages of one connection arrive in order, one at a time.</summary>
    ValueTask OnMessageAsync(EngineIOConnection connection, EngineIOMessage message);

    /// <summary>The session moved from long-polling to a WebSocket.</summary>
    void OnUpgraded(EngineIOConnection connection)
    {
    }

    /// <summary>The session closed, with the reason (<c>transport close</c>, <c>ping timeout</c>, ...).</summary>
    void OnClosed(EngineIOConnection connection, string reason);
}
