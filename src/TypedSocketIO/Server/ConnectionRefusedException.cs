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
