namespace TypedSocketIO;

/// <summary>How much the admin namespace tells the UI (Node's <c>mode</c> option).</summary>
public enum AdminUIMode
{
    /// <summary>
    /// Everything: the list of sockets when the UI connects, and an event for every socket
    /// connected, updated or disconnected, every room joined or left, every event received or
    /// sent. Each of those costs an encode and a send to every admin socket.
    /// </summary>
    Development,

    /// <summary>Only the statistics the dashboard draws (server_stats every interval); the UI's actions still work.</summary>
    Production,
}
