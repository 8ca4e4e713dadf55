using Microsoft.Extensions.Logging;

namespace TypedSocketIO.EngineIO;

/// <summary>Engine.IO log messages, with stable event ids (1xx).</summary>
internal static partial class EngineIOLog
{
    /// <summary>The messages a client's input can cause: rate-limited (<see cref="RateLimitedLogger"/>).</summary>
    public static readonly int[] ClientCausedEventIds =
    [
        102, // RequestRefused
        103, // SendBufferFull
        104, // InvalidPacket
        106, // PayloadTooLarge
        107, // HandlerFailed
        108, // WebSocketFailed
        109, // ConnectionLimit
        110, // HandshakeRateLimit
    ];

    [LoggerMessage(100, LogLevel.Debug, "Engine.IO session {Sid} opened over {Transport}.")]
    public static partial void SessionOpened(this ILogger logger, string sid, EngineIOTransports transport);

    [LoggerMessage(101, LogLevel.Debug, "Engine.IO session {Sid} closed: {Reason}.")]
    public static partial void SessionClosed(this ILogger logger, string sid, string reason);

    [LoggerMessage(102, LogLevel.Debug, "Engine.IO request refused with {Code}: {Message}.")]
    public static partial void RequestRefused(this ILogger logger, EngineIOErrorCode code, string message);

    [LoggerMessage(103, LogLevel.Information, "Engine.IO session {Sid} disconnected: its outgoing buffer reached {Bytes} bytes.")]
    public static partial void SendBufferFull(this ILogger logger, string sid, long bytes);

    [LoggerMessage(104, LogLevel.Debug, "Engine.IO session {Sid} sent an invalid packet.")]
    public static partial void InvalidPacket(this ILogger logger, string sid);

    [LoggerMessage(105, LogLevel.Debug, "Engine.IO session {Sid} upgraded to WebSocket.")]
    public static partial void Upgraded(this ILogger logger, string sid);

    [LoggerMessage(106, LogLevel.Debug, "Engine.IO session {Sid} sent a payload over the {Limit}-byte limit.")]
    public static partial void PayloadTooLarge(this ILogger logger, string sid, int limit);

    [LoggerMessage(107, LogLevel.Warning, "Engine.IO handler failed for session {Sid}.")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string sid);

    [LoggerMessage(109, LogLevel.Warning, "Engine.IO handshake refused: {Limit} connections are open.")]
    public static partial void ConnectionLimit(this ILogger logger, int limit);

    [LoggerMessage(110, LogLevel.Warning, "Engine.IO handshake refused: {Address} opens sessions too fast.")]
    public static partial void HandshakeRateLimit(this ILogger logger, string address);

    [LoggerMessage(108, LogLevel.Debug, "Engine.IO WebSocket of session {Sid} failed.")]
    public static partial void WebSocketFailed(this ILogger logger, Exception exception, string sid);

    /// <summary>Written by <see cref="LogRateLimiter"/> at the level of the messages it left out.</summary>
    [LoggerMessage(EventId = 111, Message = "Suppressed {Count} more {EventName} messages (event {EventId}) in the last {Seconds} s.")]
    public static partial void MessagesSuppressed(this ILogger logger, LogLevel level, int count, string eventName, int eventId, int seconds);
}
