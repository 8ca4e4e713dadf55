using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TypedSocketIO.Diagnostics;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// Serves one Engine.IO endpoint: routes each request (a handshake to the admission in
/// <c>EngineIOServer.Handshake.cs</c>, a request with a session id to that session's
/// transport) and ends sessions. The sessions are kept by <see cref="EngineIOSessionRegistry"/>,
/// refusals and the open packet written by <see cref="EngineIOResponseWriter"/>.
/// </summary>
internal sealed partial class EngineIOServer
{
    private readonly EngineIOSessionRegistry _sessions = new();
    private readonly HandshakeRateLimiter? _handshakeRate;
    private readonly HeartbeatSweeper _heartbeats;
    private volatile bool _stopping;

    public EngineIOServer(EngineIOOptions options, IEngineIOHandler handler, ILogger logger, SocketIOMetrics metrics)
    {
        options.Cors.Validate();
        Options = options;
        _handshakeRate = options.MaxHandshakesPerSecondPerAddress > 0 ? new HandshakeRateLimiter(options.MaxHandshakesPerSecondPerAddress, options.TimeProvider) : null;
        Handler = handler;
        Metrics = metrics;
        Log = new RateLimitedLogger(logger, EngineIOLog.ClientCausedEventIds, options.TimeProvider);
        Responses = new EngineIOResponseWriter(options, Log);
        _heartbeats = new HeartbeatSweeper(this);
    }

    public EngineIOOptions Options { get; }

    public IEngineIOHandler Handler { get; }

    public ILogger Log { get; }

    public SocketIOMetrics Metrics { get; }

    internal EngineIOResponseWriter Responses { get; }

    public int SessionCount => _sessions.Count;

    internal HeartbeatSweeper Heartbeats => _heartbeats;

    /// <summary>Every registered session, open or awaiting its final poll (a live view: no locks, no copy).</summary>
    public IEnumerable<EngineIOConnection> Sessions => _sessions.All;

    /// <summary>
    /// Serves one request. Not an async method: a WebSocket session's request lasts as long as the
    /// session, and every frame kept alive for it is idle memory per connection.
    /// </summary>
    public Task HandleRequestAsync(HttpContext context)
    {
        var request = context.Request;
        if (!Cors.Apply(context, Options.Cors))
        {
            return Responses.RefuseAsync(context, EngineIOErrorCode.Forbidden);
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
            return Responses.RefuseAsync(context, EngineIOErrorCode.UnknownTransport);
        }

        var sid = query.Sid;
        if (sid.Length > 0)
        {
            return HandleSessionRequestAsync(context, sid, transport);
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            return Responses.RefuseAsync(context, EngineIOErrorCode.BadHandshakeMethod);
        }

        if (transport == EngineIOTransports.WebSocket && !WebSocketUpgrade.IsWebSocketRequest(context))
        {
            return Responses.RefuseWebSocketAsync(context);
        }

        if (!query.Is("EIO", "4"))
        {
            return Responses.RefuseAsync(context, EngineIOErrorCode.UnsupportedProtocolVersion);
        }

        return Options.AllowRequest is null ? AdmitAsync(context, transport) : AllowThenAdmitAsync(context, transport, Options.AllowRequest);
    }

    private async Task HandleSessionRequestAsync(HttpContext context, string sid, EngineIOTransports transport)
    {
        if (_sessions.TryGet(sid, out var connection) && connection.IsOpen && connection.IsPastPongDeadline(Environment.TickCount64))
        {
            // The pong is late: the session is over now, whether or not the heartbeat sweep has come round.
            connection.CloseAtOnce(EngineIOCloseReason.PingTimeout);
            await Responses.RefuseAsync(context, EngineIOErrorCode.UnknownSid).ConfigureAwait(false);
            return;
        }

        if (connection is null || (!connection.IsOpen && !(HttpMethods.IsGet(context.Request.Method) && transport == EngineIOTransports.Polling)))
        {
            await Responses.RefuseAsync(context, EngineIOErrorCode.UnknownSid).ConfigureAwait(false);
            return;
        }

        if (transport == EngineIOTransports.WebSocket)
        {
            if (!WebSocketUpgrade.IsWebSocketRequest(context))
            {
                await Responses.RefuseWebSocketAsync(context).ConfigureAwait(false);
                return;
            }

            if (!Options.AllowUpgrades)
            {
                await Responses.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
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
            await Responses.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
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
            await Responses.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
        }
    }

    internal void Remove(EngineIOConnection connection, string reason, bool awaitFinalPoll)
    {
        if (awaitFinalPoll)
        {
            // A polling client learns of a server-side close from its next poll: keep the session
            // findable until then, but no longer than a heartbeat would.
            _ = _sessions.ForgetLaterAsync(connection, Options.PingInterval + Options.PingTimeout);
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
        _sessions.TryGet(sid, out connection);

    internal void Forget(EngineIOConnection connection) => _sessions.Forget(connection);

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
}
