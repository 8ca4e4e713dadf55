namespace TypedSocketIO.EngineIO;

/// <summary>The reasons an Engine.IO session closes, worded as Node's engine.io words them.</summary>
public static class EngineIOCloseReason
{
    /// <summary>The client closed the transport (or sent a close packet).</summary>
    public const string TransportClose = "transport close";

    /// <summary>The transport failed, or the client broke the transport's rules.</summary>
    public const string TransportError = "transport error";

    /// <summary>No pong came back in time.</summary>
    public const string PingTimeout = "ping timeout";

    /// <summary>The client sent something that is not Engine.IO.</summary>
    public const string ParseError = "parse error";

    /// <summary>The server closed the session.</summary>
    public const string ForcedClose = "forced close";

    /// <summary>The server is stopping.</summary>
    public const string ServerShuttingDown = "server shutting down";

    /// <summary>The client could not keep up: its outgoing buffer passed the limit.</summary>
    public const string SendBufferFull = "send buffer full";
}
