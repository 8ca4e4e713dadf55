namespace TypedSocketIO;

/// <summary>
/// Thrown by middleware or a connect handler to refuse a connection: the client receives a
/// CONNECT_ERROR with <see cref="Exception.Message"/> and <see cref="ErrorData"/>.
/// </summary>
public sealed class ConnectionRefusedException : Exception
{
    /// <summary>Refuses with a message.</summary>
    public ConnectionRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Refuses with a message and data the client receives as <c>err.data</c>.</summary>
    public ConnectionRefusedException(string message, object? data)
        : base(message)
    {
        ErrorData = data;
    }

    /// <summary>The data sent with the refusal (serialized as JSON), or null.</summary>
    public object? ErrorData { get; }
}

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

/// <summary>A broadcast with acknowledgements timed out before every target answered.</summary>
public sealed class BroadcastAckTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with the answers that did arrive.</summary>
    public BroadcastAckTimeoutException(IReadOnlyList<EventArguments> responses, int expected)
        : base($"Broadcast timed out with {responses.Count} of {expected} acknowledgements.")
    {
        Responses = responses;
        Expected = expected;
    }

    /// <summary>The answers that arrived before the timeout.</summary>
    public IReadOnlyList<EventArguments> Responses { get; }

    /// <summary>How many answers were expected.</summary>
    public int Expected { get; }
}
