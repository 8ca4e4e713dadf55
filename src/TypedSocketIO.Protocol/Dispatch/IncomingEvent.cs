using System.ComponentModel;
using System.Text;

namespace TypedSocketIO.Dispatch;

/// <summary>An event as the dispatcher receives it: its name as UTF-8, its arguments, and its ack id if the client wants one.</summary>
/// <remarks>For generated code: the generated dispatchers receive it. Hidden from IntelliSense; delegate handlers get a <c>SocketIOEvent</c>.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct IncomingEvent
{
    internal IncomingEvent(ReadOnlyMemory<byte> nameUtf8, EventArguments arguments, long ackId)
    {
        NameUtf8 = nameUtf8;
        Arguments = arguments;
        AckId = ackId;
    }

    /// <summary>The event name, UTF-8 (compare with <c>"name"u8</c> without allocating).</summary>
    public ReadOnlyMemory<byte> NameUtf8 { get; }

    /// <summary>The event name as a string (allocates).</summary>
    public string Name => Encoding.UTF8.GetString(NameUtf8.Span);

    /// <summary>The arguments after the name.</summary>
    public EventArguments Arguments { get; }

    /// <summary>The ack id, or -1 when the client wants no acknowledgement.</summary>
    public long AckId { get; }

    /// <summary>Whether the client waits for an acknowledgement.</summary>
    public bool WantsAck => AckId >= 0;
}
