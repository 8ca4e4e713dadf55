namespace TypedSocketIO;

/// <summary>An emit that waited for an acknowledgement did not get one because the socket disconnected.</summary>
public sealed class SocketDisconnectedException : Exception
{
    /// <summary>Creates the exception for the socket with id <paramref name="socketId"/>.</summary>
    public SocketDisconnectedException(string socketId)
        : base($"Socket {socketId} disconnected before acknowledging.")
    {
        SocketId = socketId;
    }

    /// <summary>The socket that disconnected.</summary>
    public string SocketId { get; }
}
