using TypedSocketIO.EngineIO;

namespace TypedSocketIO.Diagnostics;

/// <summary>The tag names and the few fixed tags, made once: a tag is a struct, so recording one allocates nothing.</summary>
internal static class TelemetryTags
{
    public const string Namespace = "socketio.namespace";
    public const string Event = "socketio.event";
    public const string SocketId = "socketio.socket.id";
    public const string Transport = "socketio.transport";
    public const string DisconnectReason = "socketio.disconnect.reason";
    public const string Direction = "network.io.direction";
    public const string ErrorType = "error.type";

    /// <summary>The event tag of names past a namespace's bound, as OpenTelemetry names values it does not list.</summary>
    public const string OtherEvent = "_OTHER";

    public static readonly KeyValuePair<string, object?> Polling = new(Transport, "polling");
    public static readonly KeyValuePair<string, object?> WebSocket = new(Transport, "websocket");
    public static readonly KeyValuePair<string, object?> Receive = new(Direction, "receive");
    public static readonly KeyValuePair<string, object?> Transmit = new(Direction, "transmit");

    public static KeyValuePair<string, object?> Of(EngineIOTransports transport) =>
        transport == EngineIOTransports.WebSocket ? WebSocket : Polling;

    public static string NameOf(EngineIOTransports transport) => transport == EngineIOTransports.WebSocket ? "websocket" : "polling";

    public static KeyValuePair<string, object?> NamespaceOf(string ns) => new(Namespace, ns);
}
