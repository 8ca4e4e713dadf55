using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// Serves one Engine.IO endpoint: checks each request, performs handshakes, and hands polling
/// and WebSocket requests to their session.
/// </summary>
internal sealed class EngineIOServer
{
    private readonly ConcurrentDictionary<string, EngineIOConnection> _sessions = new(StringComparer.Ordinal);
    private readonly HandshakeRateLimiter? _handshakeRate;
    private volatile bool _stopping;

    public EngineIOServer(EngineIOOptions options, IEngineIOHandler handler, ILogger logger)
    {
        options.Cors.Validate();
        Options = options;
        _handshakeRate = options.MaxHandshakesPerSecondPerAddress > 0 ? new HandshakeRateLimiter(options.MaxHandshakesPerSecondPerAddress) : null;
        Handler = handler;
        Log = logger;
    }

    public EngineIOOptions Options { get; }

    public IEngineIOHandler Handler { get; }

    public ILogger Log { get; }

    public int SessionCount => _sessions.Count;

    public async Task HandleRequestAsync(HttpContext context)
    {
        var request = context.Request;
        if (!Cors.Apply(context, Options.Cors))
        {
            await RefuseAsync(context, EngineIOErrorCode.Forbidden).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsOptions(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var transport = ParseTransport(request.Query["transport"]);
        if (transport == EngineIOTransports.None || (Options.Transports & transport) == 0)
        {
            await RefuseAsync(context, EngineIOErrorCode.UnknownTransport).ConfigureAwait(false);
            return;
        }

        var sid = request.Query["sid"].ToString();
        if (sid.Length > 0)
        {
            await HandleSessionRequestAsync(context, sid, transport).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            await RefuseAsync(context, EngineIOErrorCode.BadHandshakeMethod).ConfigureAwait(false);
            return;
        }

        if (transport == EngineIOTransports.WebSocket && !context.WebSockets.IsWebSocketRequest)
        {
            await RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            return;
        }

        if (request.Query["EIO"] != "4")
        {
            await RefuseAsync(context, EngineIOErrorCode.UnsupportedProtocolVersion).ConfigureAwait(false);
            return;
        }

        if (_stopping || (Options.AllowRequest is { } allow && !await allow(context).ConfigureAwait(false)))
        {
            await RefuseAsync(context, EngineIOErrorCode.Forbidden).ConfigureAwait(false);
            return;
        }

        if (_sessions.Count >= Options.MaxConnections)
        {
            Log.ConnectionLimit(Options.MaxConnections);
            await RefuseAsync(context, EngineIOErrorCode.Forbidden, StatusCodes.Status503ServiceUnavailable, "Too many connections").ConfigureAwait(false);
            return;
        }

        if (_handshakeRate is not null && !_handshakeRate.TryAcquire(context.Connection.RemoteIpAddress))
        {
            Log.HandshakeRateLimit(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            await RefuseAsync(context, EngineIOErrorCode.Forbidden, StatusCodes.Status429TooManyRequests, "Too many handshakes").ConfigureAwait(false);
            return;
        }

        await HandshakeAsync(context, transport).ConfigureAwait(false);
    }

    private async Task HandleSessionRequestAsync(HttpContext context, string sid, EngineIOTransports transport)
    {
        if (!_sessions.TryGetValue(sid, out var connection) || (!connection.IsOpen && !HttpMethods.IsGet(context.Request.Method)))
        {
            await RefuseAsync(context, EngineIOErrorCode.UnknownSid).ConfigureAwait(false);
            return;
        }

        if (transport == EngineIOTransports.WebSocket)
        {
            if (!context.WebSockets.IsWebSocketRequest || !Options.AllowUpgrades
                || connection.Transport != EngineIOTransports.Polling || !connection.TryBeginUpgrade())
            {
                await RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                return;
            }

            var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await WebSocketTransport.UpgradeAsync(connection, socket, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (connection.Transport != EngineIOTransports.Polling)
        {
            await RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(context.Request.Method))
        {
            await PollingTransport.PollAsync(connection, context).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPost(context.Request.Method))
        {
            await PollingTransport.PostAsync(connection, context).ConfigureAwait(false);
        }
        else
        {
            await RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
        }
    }

    private async Task HandshakeAsync(HttpContext context, EngineIOTransports transport)
    {
        var connection = new EngineIOConnection(RandomIds.New(), this, new EngineIOHandshake(context), transport);
        _sessions[connection.Id] = connection;
        Log.SessionOpened(connection.Id, transport);

        var open = OpenPacket(connection.Id, transport);
        if (Options.Cookie is { } cookie)
        {
            context.Response.Cookies.Append(cookie.Name, connection.Id, new CookieOptions
            {
                Path = cookie.Path,
                HttpOnly = cookie.HttpOnly,
                SameSite = cookie.SameSite,
            });
        }

        if (transport == EngineIOTransports.WebSocket)
        {
            var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            connection.Send([Protocol.EngineFrame.Text(open)]);
            StartSession(connection);
            await WebSocketTransport.RunAsync(connection, socket, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        connection.Send([Protocol.EngineFrame.Text(open)]);
        StartSession(connection);
        await PollingTransport.PollAsync(connection, context).ConfigureAwait(false);
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

    private byte[] OpenPacket(string sid, EngineIOTransports transport)
    {
        using var stream = new MemoryStream();
        stream.WriteByte((byte)'0');
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("sid"u8, sid);
            json.WriteStartArray("upgrades"u8);
            if (transport == EngineIOTransports.Polling && Options.AllowUpgrades
                && (Options.Transports & EngineIOTransports.WebSocket) != 0)
            {
                json.WriteStringValue("websocket"u8);
            }

            json.WriteEndArray();
            json.WriteNumber("pingInterval"u8, (long)Options.PingInterval.TotalMilliseconds);
            json.WriteNumber("pingTimeout"u8, (long)Options.PingTimeout.TotalMilliseconds);
            json.WriteNumber("maxPayload"u8, Options.MaxPayload);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    internal void Remove(EngineIOConnection connection, string reason, bool awaitFinalPoll)
    {
        if (awaitFinalPoll)
        {
            // A polling client learns of a server-side close from its next poll: keep the session
            // findable until then, but no longer than a heartbeat would.
            _ = ForgetLaterAsync(connection);
        }
        else
        {
            Forget(connection);
        }

        Log.SessionClosed(connection.Id, reason);
        try
        {
            Handler.OnClosed(connection, reason);
        }
        catch (Exception exception)
        {
            Log.HandlerFailed(exception, connection.Id);
        }
    }

    internal bool TryGetSession(string sid, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EngineIOConnection? connection) =>
        _sessions.TryGetValue(sid, out connection);

    internal void Forget(EngineIOConnection connection) =>
        _sessions.TryRemove(new KeyValuePair<string, EngineIOConnection>(connection.Id, connection));

    private async Task ForgetLaterAsync(EngineIOConnection connection)
    {
        await Task.Delay(Options.PingInterval + Options.PingTimeout).ConfigureAwait(false);
        Forget(connection);
    }

    /// <summary>Refuses new sessions and closes every open one with <paramref name="reason"/>.</summary>
    public void CloseAll(string reason)
    {
        _stopping = true;
        foreach (var connection in _sessions.Values)
        {
            connection.Close(reason);
        }
    }

    internal async Task RefuseAsync(HttpContext context, EngineIOErrorCode code, int? status = null, string? message = null)
    {
        message ??= EngineIOErrors.MessageOf(code);
        Log.RequestRefused(code, message);
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = status ?? (code == EngineIOErrorCode.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
        response.ContentType = "application/json";
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("code"u8, (int)code);
            json.WriteString("message"u8, message);
            json.WriteEndObject();
        }

        await response.Body.WriteAsync(stream.ToArray()).ConfigureAwait(false);
    }

    private static EngineIOTransports ParseTransport(StringValues value) => value.ToString() switch
    {
        "polling" => EngineIOTransports.Polling,
        "websocket" => EngineIOTransports.WebSocket,
        _ => EngineIOTransports.None,
    };
}
