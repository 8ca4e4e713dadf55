using Microsoft.AspNetCore.Http;

namespace TypedSocketIO.EngineIO;

/// <summary>Settings of an Engine.IO server: heartbeat, payload limits, transports, CORS and cookies.</summary>
public sealed class EngineIOOptions
{
    /// <summary>How often the server pings each client. Default 25 s, as Node's engine.io.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long the server waits for a pong before it closes the session. Default 20 s.</summary>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The largest message or polling body accepted, in bytes (Node's <c>maxHttpBufferSize</c>).
    /// Default 1 MB.
    /// </summary>
    public int MaxPayload { get; set; } = 1_000_000;

    /// <summary>The transports clients may use. Default both.</summary>
    public EngineIOTransports Transports { get; set; } = EngineIOTransports.Polling | EngineIOTransports.WebSocket;

    /// <summary>Whether a polling session may upgrade to WebSocket. Default true.</summary>
    public bool AllowUpgrades { get; set; } = true;

    /// <summary>How long an upgrade may take before the probing WebSocket is dropped. Default 10 s.</summary>
    public TimeSpan UpgradeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most bytes queued for one client before it is disconnected as too slow. Default 16 MB.
    /// Each queued frame counts its bytes plus a fixed 32 bytes, so no run of tiny frames passes it.
    /// </summary>
    public long MaxBufferedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most sessions open at once; further handshakes are refused with 503. Default 100 000.</summary>
    public int MaxConnections { get; set; } = 100_000;

    /// <summary>
    /// The most handshakes one client address may make per second; past it, 429. Default 0: no limit
    /// (a load balancer or a benchmark shows many clients behind one address).
    /// </summary>
    public int MaxHandshakesPerSecondPerAddress { get; set; }

    /// <summary>
    /// Cross-origin settings for browsers on other origins. Default: none, same origin only: a
    /// request whose <c>Origin</c> header is another site is refused with 403, so a page there cannot
    /// open a socket that carries the user's cookies. Requests without an <c>Origin</c> (clients that
    /// are not browser pages) are allowed.
    /// </summary>
    public EngineIOCorsOptions Cors { get; set; } = new();

    /// <summary>
    /// Decides whether a handshake may proceed; return false to refuse it with 403. Runs
    /// before a session exists, so it sees only the HTTP request.
    /// </summary>
    public Func<HttpContext, ValueTask<bool>>? AllowRequest { get; set; }

    /// <summary>
    /// How often the heartbeat sweep runs; null (default) derives it from the ping settings. Tests
    /// stretch it to show what holds without the sweep (deadlines checked on every request).
    /// </summary>
    internal TimeSpan? HeartbeatSweepInterval { get; set; }

    /// <summary>A cookie carrying the session id, set on the handshake; null (default) sets none.</summary>
    public EngineIOCookieOptions? Cookie { get; set; }

    /// <summary>The clock of the rate limits (handshakes, log messages); tests replace it.</summary>
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
