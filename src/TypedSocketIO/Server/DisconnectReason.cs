namespace TypedSocketIO;

/// <summary>Why a socket left its namespace, with the same meanings as Node socket.io's reasons.</summary>
public enum DisconnectReason
{
    /// <summary>The client left the namespace (<c>socket.disconnect()</c> on the client).</summary>
    ClientNamespaceDisconnect,

    /// <summary>The server disconnected the socket (<c>socket.DisconnectAsync()</c>).</summary>
    ServerNamespaceDisconnect,

    /// <summary>The client closed the connection, or it was lost.</summary>
    TransportClose,

    /// <summary>The connection failed, or the client broke the transport's rules.</summary>
    TransportError,

    /// <summary>The client stopped answering pings.</summary>
    PingTimeout,

    /// <summary>The client sent a packet that is not valid Socket.IO.</summary>
    ParseError,

    /// <summary>The server is stopping.</summary>
    ServerShuttingDown,

    /// <summary>The server closed the whole connection.</summary>
    ForcedClose,

    /// <summary>The client did not read fast enough: its outgoing buffer passed <c>MaxBufferedBytes</c>.</summary>
    SendBufferFull,
}

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
