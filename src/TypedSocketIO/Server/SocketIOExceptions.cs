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

/// <summary>
/// A broadcast with acknowledgements ended before every target answered: the timeout passed, or
/// targets disconnected before answering (<see cref="Disconnected"/>; the wait then ends as soon as
/// every target still connected has answered, as Node's broadcast would fail at its timeout).
/// </summary>
public sealed class BroadcastAckTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with the answers that did arrive.</summary>
    public BroadcastAckTimeoutException(IReadOnlyList<EventArguments> responses, int expected)
        : this(responses, expected, 0)
    {
    }

    /// <summary>Creates the exception with the answers that did arrive and how many targets left without answering.</summary>
    public BroadcastAckTimeoutException(IReadOnlyList<EventArguments> responses, int expected, int disconnected)
        : base(disconnected == 0
            ? $"Broadcast timed out with {responses.Count} of {expected} acknowledgements."
            : $"Broadcast ended with {responses.Count} of {expected} acknowledgements: {disconnected} target(s) disconnected before answering.")
    {
        Responses = responses;
        Expected = expected;
        Disconnected = disconnected;
    }

    /// <summary>The answers that arrived before the timeout.</summary>
    public IReadOnlyList<EventArguments> Responses { get; }

    /// <summary>How many answers were expected.</summary>
    public int Expected { get; }

    /// <summary>How many targets disconnected before answering.</summary>
    public int Disconnected { get; }
}
