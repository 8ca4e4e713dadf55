namespace TypedSocketIO.EngineIO;

/// <summary>The Engine.IO transports.</summary>
[Flags]
public enum EngineIOTransports
{
    /// <summary>No transport.</summary>
    None = 0,

    /// <summary>HTTP long-polling.</summary>
    Polling = 1,

    /// <summary>WebSocket.</summary>
    WebSocket = 2,
}
