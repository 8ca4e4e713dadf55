using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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
    private readonly HeartbeatSweeper _heartbeats;
    private int _sessionCount; // admitted and not yet forgotten; kept alongside: ConcurrentDictionary.Count takes every lock
    private volatile bool _stopping;

    public EngineIOServer(EngineIOOptions options, IEngineIOHandler handler, ILogger logger)
    {
        options.Cors.Validate();
        Options = options;
        _handshakeRate = options.MaxHandshakesPerSecondPerAddress > 0 ? new HandshakeRateLimiter(options.MaxHandshakesPerSecondPerAddress, options.TimeProvider) : null;
        Handler = handler;
        Log = new RateLimitedLogger(logger, EngineIOLog.ClientCausedEventIds, options.TimeProvider);
        _heartbeats = new HeartbeatSweeper(this);
    }

    public EngineIOOptions Options { get; }

    public IEngineIOHandler Handler { get; }

    public ILogger Log { get; }

    public int SessionCount => Volatile.Read(ref _sessionCount);

    internal HeartbeatSweeper Heartbeats => _heartbeats;

    /// <summary>Every registered session, open or awaiting its final poll (a live view: no locks, no copy).</summary>
    public IEnumerable<EngineIOConnection> Sessions
    {
        get
        {
            foreach (var pair in _sessions)
            {
                yield return pair.Value;
            }
        }
    }

    /// <summary>
    /// Serves one request. Not an async method: a WebSocket session's request lasts as long as the
    /// session, and every frame kept alive for it is idle memory per connection.
    /// </summary>
    public Task HandleRequestAsync(HttpContext context)
    {
        var request = context.Request;
        if (!Cors.Apply(context, Options.Cors))
        {
            return RefuseAsync(context, EngineIOErrorCode.Forbidden);
        }

        WebSocketUpgrade.TreatExtendedConnectAsGet(context);
        if (HttpMethods.IsOptions(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        var query = new EngineIOQuery(request);
        var transport = query.Transport;
        if (transport == EngineIOTransports.None || (Options.Transports & transport) == 0)
        {
            return RefuseAsync(context, EngineIOErrorCode.UnknownTransport);
        }

        var sid = query.Sid;
        if (sid.Length > 0)
        {
            return HandleSessionRequestAsync(context, sid, transport);
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            return RefuseAsync(context, EngineIOErrorCode.BadHandshakeMethod);
        }

        if (transport == EngineIOTransports.WebSocket && !WebSocketUpgrade.IsWebSocketRequest(context))
        {
            return RefuseWebSocketAsync(context);
        }

        if (!query.Is("EIO", "4"))
        {
            return RefuseAsync(context, EngineIOErrorCode.UnsupportedProtocolVersion);
        }

        return Options.AllowRequest is null ? AdmitAsync(context, transport) : AllowThenAdmitAsync(context, transport, Options.AllowRequest);
    }

    private async Task AllowThenAdmitAsync(HttpContext context, EngineIOTransports transport, Func<HttpContext, ValueTask<bool>> allow)
    {
        if (!await allow(context).ConfigureAwait(false))
        {
            await RefuseAsync(context, EngineIOErrorCode.Forbidden).ConfigureAwait(false);
            return;
        }

        await AdmitAsync(context, transport).ConfigureAwait(false);
    }

    /// <summary>Opens a session unless the server is stopping or a connection limit refuses it.</summary>
    private Task AdmitAsync(HttpContext context, EngineIOTransports transport)
    {
        if (_stopping)
        {
            return RefuseAsync(context, EngineIOErrorCode.Forbidden);
        }

        if (!TryReserveSession())
        {
            Log.ConnectionLimit(Options.MaxConnections);
            return RefuseAsync(context, EngineIOErrorCode.Forbidden, StatusCodes.Status503ServiceUnavailable, "Too many connections");
        }

        if (_handshakeRate is not null && context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress is var address
            && !_handshakeRate.TryAcquire(address))
        {
            Interlocked.Decrement(ref _sessionCount);
            Log.HandshakeRateLimit(address?.ToString() ?? "unknown");
            return RefuseAsync(context, EngineIOErrorCode.Forbidden, StatusCodes.Status429TooManyRequests, "Too many handshakes");
        }

        return HandshakeAsync(context, transport);
    }

    /// <summary>
    /// Counts a new session unless <see cref="EngineIOOptions.MaxConnections"/> are open: the check
    /// and the count are one step, so concurrent handshakes cannot overshoot the limit.
    /// </summary>
    private bool TryReserveSession()
    {
        var count = Volatile.Read(ref _sessionCount);
        while (count < Options.MaxConnections)
        {
            var seen = Interlocked.CompareExchange(ref _sessionCount, count + 1, count);
            if (seen == count)
            {
                return true;
            }

            count = seen;
        }

        return false;
    }

    private async Task HandleSessionRequestAsync(HttpContext context, string sid, EngineIOTransports transport)
    {
        if (_sessions.TryGetValue(sid, out var connection) && connection.IsOpen && connection.IsPastPongDeadline(Environment.TickCount64))
        {
            // The pong is late: the session is over now, whether or not the heartbeat sweep has come round.
            connection.CloseAtOnce(EngineIOCloseReason.PingTimeout);
            await RefuseAsync(context, EngineIOErrorCode.UnknownSid).ConfigureAwait(false);
            return;
        }

        if (connection is null || (!connection.IsOpen && !(HttpMethods.IsGet(context.Request.Method) && transport == EngineIOTransports.Polling)))
        {
            await RefuseAsync(context, EngineIOErrorCode.UnknownSid).ConfigureAwait(false);
            return;
        }

        if (transport == EngineIOTransports.WebSocket)
        {
            if (!WebSocketUpgrade.IsWebSocketRequest(context))
            {
                await RefuseWebSocketAsync(context).ConfigureAwait(false);
                return;
            }

            if (!Options.AllowUpgrades)
            {
                await RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                return;
            }

            var socket = await WebSocketUpgrade.AcceptAsync(context).ConfigureAwait(false);
            if (connection.Transport != EngineIOTransports.Polling || !connection.TryBeginUpgrade())
            {
                // As the reference server: a second WebSocket for a session that has one (or is
                // getting one) is accepted and closed at once; the session itself is not touched.
                await WebSocketTransport.RefuseAsync(socket).ConfigureAwait(false);
                return;
            }

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

    /// <summary>Refuses a request that is not a valid WebSocket opening handshake: 426 when it asks for another WebSocket version, else 400.</summary>
    private Task RefuseWebSocketAsync(HttpContext context)
    {
        if (!WebSocketUpgrade.AsksForAnotherVersion(context))
        {
            return RefuseAsync(context, EngineIOErrorCode.BadRequest);
        }

        WebSocketUpgrade.AddUpgradeRequiredHeaders(context);
        return RefuseAsync(context, EngineIOErrorCode.BadRequest, StatusCodes.Status426UpgradeRequired, "Unsupported WebSocket version");
    }

    private Task HandshakeAsync(HttpContext context, EngineIOTransports transport)
    {
        EngineIOConnection connection;
        try
        {
            connection = new EngineIOConnection(RandomIds.New(), this, new EngineIOHandshake(context), transport);
            Register(connection);
        }
        catch
        {
            Interlocked.Decrement(ref _sessionCount); // the place AdmitAsync counted
            throw;
        }

        if (_stopping)
        {
            // Stopping began after this handshake was admitted, and CloseAll may have passed it by.
            Forget(connection);
            return RefuseAsync(context, EngineIOErrorCode.Forbidden);
        }

        Log.SessionOpened(connection.Id, transport);

        var open = OpenPacket(connection.Id, transport);
        if (Options.Cookie is { } cookie)
        {
            context.Response.Cookies.Append(cookie.Name, connection.Id, new CookieOptions
            {
                Path = cookie.Path,
                HttpOnly = cookie.HttpOnly,
                SameSite = cookie.SameSite,
                Secure = cookie.Secure || cookie.SameSite == SameSiteMode.None,
            });
        }

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

    /// <summary>Makes a session findable; it was counted when admitted.</summary>
    private void Register(EngineIOConnection connection)
    {
        if (!_sessions.TryAdd(connection.Id, connection))
        {
            throw new InvalidOperationException("Session id collision."); // 120 random bits: never in practice
        }

        _heartbeats.EnsureRunning();
    }

    internal void Forget(EngineIOConnection connection)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, EngineIOConnection>(connection.Id, connection)))
        {
            Interlocked.Decrement(ref _sessionCount);
        }
    }

    private async Task ForgetLaterAsync(EngineIOConnection connection)
    {
        await Task.Delay(Options.PingInterval + Options.PingTimeout).ConfigureAwait(false);
        Forget(connection);
    }

    /// <summary>Refuses every handshake from now on.</summary>
    public void StopAccepting() => _stopping = true;

    /// <summary>Refuses new sessions and closes every open one with <paramref name="reason"/>.</summary>
    public void CloseAll(string reason)
    {
        StopAccepting();
        foreach (var connection in Sessions)
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
        await response.Body.WriteAsync(EngineIOErrors.Encode(code, message)).ConfigureAwait(false);
    }
}
