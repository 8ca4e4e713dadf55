using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>An event received by a handler registered with <see cref="ServerNamespace.On(string, Func{SocketIOEvent, ValueTask})"/>.</summary>
public sealed class SocketIOEvent
{
    private int _acked;

    internal SocketIOEvent(Socket socket, string name, EventArguments arguments, long ackId)
    {
        Socket = socket;
        Name = name;
        Arguments = arguments;
        AckId = ackId;
    }

    /// <summary>The socket that sent the event.</summary>
    public Socket Socket { get; }

    /// <summary>The event name.</summary>
    public string Name { get; }

    /// <summary>The event's arguments.</summary>
    public EventArguments Arguments { get; }

    /// <summary>Whether the client waits for an acknowledgement.</summary>
    public bool WantsAck => AckId >= 0;

    internal long AckId { get; }

    /// <summary>Answers the client's callback with <paramref name="values"/>; only the first answer is sent.</summary>
    public ValueTask AckAsync(params object?[] values)
    {
        if (!WantsAck || Interlocked.Exchange(ref _acked, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }

        Socket.Send(PacketBuilder.EncodeAck(Socket.Namespace.Name, values, Socket.Server.JsonOptions, AckId));
        return ValueTask.CompletedTask;
    }
}
