namespace TypedSocketIO;

/// <summary>Conversions between <see cref="DisconnectReason"/> and the strings Node socket.io uses.</summary>
public static class DisconnectReasonExtensions
{
    /// <summary>The reason as Node socket.io words it (<c>"client namespace disconnect"</c>, ...).</summary>
    public static string ToWireString(this DisconnectReason reason) => reason switch
    {
        DisconnectReason.ClientNamespaceDisconnect => "client namespace disconnect",
        DisconnectReason.ServerNamespaceDisconnect => "server namespace disconnect",
        DisconnectReason.TransportClose => "transport close",
        DisconnectReason.TransportError => "transport error",
        DisconnectReason.PingTimeout => "ping timeout",
        DisconnectReason.ParseError => "parse error",
        DisconnectReason.ServerShuttingDown => "server shutting down",
        DisconnectReason.SendBufferFull => "send buffer full",
        _ => "forced close",
    };

    internal static DisconnectReason FromEngineReason(string reason) => reason switch
    {
        EngineIO.EngineIOCloseReason.TransportClose => DisconnectReason.TransportClose,
        EngineIO.EngineIOCloseReason.TransportError => DisconnectReason.TransportError,
        EngineIO.EngineIOCloseReason.PingTimeout => DisconnectReason.PingTimeout,
        EngineIO.EngineIOCloseReason.ParseError => DisconnectReason.ParseError,
        EngineIO.EngineIOCloseReason.ServerShuttingDown => DisconnectReason.ServerShuttingDown,
        EngineIO.EngineIOCloseReason.SendBufferFull => DisconnectReason.SendBufferFull,
        _ => DisconnectReason.ForcedClose,
    };
}
