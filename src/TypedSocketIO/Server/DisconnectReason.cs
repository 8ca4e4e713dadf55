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
