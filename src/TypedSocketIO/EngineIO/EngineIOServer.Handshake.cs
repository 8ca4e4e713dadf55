using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TypedSocketIO.EngineIO;

/// <summary>Opening a session: admission (stopping, connection and handshake-rate limits), the open packet, the transport's start.</summary>
internal sealed partial class EngineIOServer
{
    private async Task AllowThenAdmitAsync(HttpContext context, EngineIOTransports transport, Func<HttpContext, ValueTask<bool>> allow)
    {
        if (!await allow(context).ConfigureAwait(false))
        {
            await Responses.RefuseAsync(context, EngineIOErrorCode.Forbidden).ConfigureAwait(false);
            return;
        }

        await AdmitAsync(context, transport).ConfigureAwait(false);
    }

    /// <summary>Opens a session unless the server is stopping or a connection limit refuses it.</summary>
    private Task AdmitAsync(HttpContext context, EngineIOTransports transport)
    {
        if (_stopping)
        {
            return Responses.RefuseAsync(context, EngineIOErrorCode.Forbidden);
        }

        if (!_sessions.TryReserve(Options.MaxConnections))
        {
            Log.ConnectionLimit(Options.MaxConnections);
            return Responses.RefuseAsync(context, EngineIOErrorCode.Forbidden, StatusCodes.Status503ServiceUnavailable, "Too many connections");
        }

        if (_handshakeRate is not null && context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress is var address
            && !_handshakeRate.TryAcquire(address))
        {
            _sessions.CancelReservation();
            Log.HandshakeRateLimit(address?.ToString() ?? "unknown");
            return Responses.RefuseAsync(context, EngineIOErrorCode.Forbidden, StatusCodes.Status429TooManyRequests, "Too many handshakes");
        }

        return HandshakeAsync(context, transport);
    }

    private Task HandshakeAsync(HttpContext context, EngineIOTransports transport)
    {
        EngineIOConnection connection;
        try
        {
            connection = new EngineIOConnection(RandomIds.New(), this, new EngineIOHandshake(context), transport);
            _sessions.Register(connection);
            _heartbeats.EnsureRunning();
        }
        catch
        {
            _sessions.CancelReservation(); // the place AdmitAsync counted
            throw;
        }

        if (_stopping)
        {
            // Stopping began after this handshake was admitted, and CloseAll may have passed it by.
            Forget(connection);
            return Responses.RefuseAsync(context, EngineIOErrorCode.Forbidden);
        }

        Log.SessionOpened(connection.Id, transport);

        var open = Responses.OpenPacket(connection.Id, transport);
        Responses.AppendSessionCookie(context, connection.Id);

        if (transport == EngineIOTransports.WebSocket)
        {
            // Accepting usually completes at once; the session's own task is then returned as it
            // is, so no frame of this method stays alive for the session's lifetime.
            var accepting = WebSocketUpgrade.AcceptAsync(context);
            return accepting.IsCompletedSuccessfully
                ? RunWebSocketSession(connection, accepting.Result, open)
                : AcceptThenRunAsync(connection, accepting, open);
        }

        connection.Send([Protocol.EngineFrame.Text(open)]);
        StartSession(connection);
        return PollingTransport.PollAsync(connection, context);
    }

    private async Task AcceptThenRunAsync(EngineIOConnection connection, Task<ServerWebSocket> accepting, byte[] open)
    {
        ServerWebSocket socket;
        try
        {
            socket = await accepting.ConfigureAwait(false);
        }
        catch
        {
            connection.Close(EngineIOCloseReason.TransportError);
            throw;
        }

        await RunWebSocketSession(connection, socket, open).ConfigureAwait(false);
    }

    private Task RunWebSocketSession(EngineIOConnection connection, ServerWebSocket socket, byte[] open)
    {
        connection.Send([Protocol.EngineFrame.Text(open)]);
        StartSession(connection);
        return WebSocketTransport.RunAsync(connection, socket);
    }

    private void StartSession(EngineIOConnection connection)
    {
        connection.Start();
        try
        {
            Handler.OnConnected(connection);
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(exception, connection.Id);
            connection.Close(EngineIOCloseReason.ForcedClose);
        }
    }
}
