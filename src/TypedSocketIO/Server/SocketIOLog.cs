using Microsoft.Extensions.Logging;

namespace TypedSocketIO;

/// <summary>Socket.IO log messages, with stable event ids (2xx).</summary>
internal static partial class SocketIOLog
{
    /// <summary>The messages a client's input can cause: rate-limited (<see cref="EngineIO.RateLimitedLogger"/>).</summary>
    public static readonly int[] ClientCausedEventIds =
    [
        202, // ConnectionRefused
        203, // ConnectHandlerFailed
        204, // EventHandlerFailed
        205, // NoHandler
        206, // ProtocolViolation
        207, // UnknownNamespace
        208, // DisconnectHandlerFailed
        209, // ConnectTimeout
        211, // BadArguments
        213, // EventRefused
    ];

    [LoggerMessage(200, LogLevel.Debug, "Socket {SocketId} connected to {Namespace}.")]
    public static partial void SocketConnected(this ILogger logger, string socketId, string @namespace);

    [LoggerMessage(201, LogLevel.Debug, "Socket {SocketId} left {Namespace}: {Reason}.")]
    public static partial void SocketDisconnected(this ILogger logger, string socketId, string @namespace, string reason);

    [LoggerMessage(202, LogLevel.Debug, "Connection to {Namespace} refused: {Message}.")]
    public static partial void ConnectionRefused(this ILogger logger, string @namespace, string message);

    [LoggerMessage(203, LogLevel.Error, "A connect handler or middleware of {Namespace} failed.")]
    public static partial void ConnectHandlerFailed(this ILogger logger, Exception exception, string @namespace);

    [LoggerMessage(204, LogLevel.Error, "The handler of event {Event} on {Namespace} failed.")]
    public static partial void EventHandlerFailed(this ILogger logger, Exception exception, string @event, string @namespace);

    [LoggerMessage(205, LogLevel.Debug, "No handler for event {Event} on {Namespace}.")]
    public static partial void NoHandler(this ILogger logger, string @event, string @namespace);

    [LoggerMessage(206, LogLevel.Information, "Connection {Sid} closed for a protocol violation: {Detail}.")]
    public static partial void ProtocolViolation(this ILogger logger, string sid, string detail);

    [LoggerMessage(207, LogLevel.Debug, "Connection {Sid} asked for unknown namespace {Namespace}.")]
    public static partial void UnknownNamespace(this ILogger logger, string sid, string @namespace);

    [LoggerMessage(208, LogLevel.Error, "A disconnect handler of {Namespace} failed.")]
    public static partial void DisconnectHandlerFailed(this ILogger logger, Exception exception, string @namespace);

    [LoggerMessage(209, LogLevel.Debug, "Connection {Sid} joined no namespace in time and was closed.")]
    public static partial void ConnectTimeout(this ILogger logger, string sid);

    [LoggerMessage(211, LogLevel.Warning, "Event {Event} on {Namespace} from socket {SocketId} was not handled: {Problem}")]
    public static partial void BadArguments(this ILogger logger, string @event, string @namespace, string socketId, string problem);

    [LoggerMessage(213, LogLevel.Debug, "Event {Event} on {Namespace} from socket {SocketId} was refused ({Refusal}): {Reason}.")]
    public static partial void EventRefused(this ILogger logger, string @event, string @namespace, string socketId, string refusal, string reason);

    [LoggerMessage(210, LogLevel.Information, "Socket.IO server shutting down: closing {Count} connections.")]
    public static partial void ShuttingDown(this ILogger logger, int count);

    [LoggerMessage(212, LogLevel.Warning, "Socket.IO disconnect handlers were still running when the host's shutdown timeout passed.")]
    public static partial void ShutdownTimedOut(this ILogger logger);

    [LoggerMessage(213, LogLevel.Error, "A {Hook} handler of {Source} failed.")]
    public static partial void HookFailed(this ILogger logger, Exception exception, string hook, string source);
}
