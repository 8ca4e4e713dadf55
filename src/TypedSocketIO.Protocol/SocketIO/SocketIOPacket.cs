namespace TypedSocketIO.Protocol;

/// <summary>
/// A decoded Socket.IO packet. It does not copy: the namespace, event name and payload are
/// slices of the bytes it was decoded from, which the caller keeps alive.
/// </summary>
internal readonly struct SocketIOPacket
{
    /// <summary>No ack id on the packet.</summary>
    public const long NoAck = -1;

    public SocketIOPacketType Type { get; init; }

    /// <summary>The namespace as UTF-8, <c>/</c> when the packet names none.</summary>
    public ReadOnlyMemory<byte> Namespace { get; init; }

    public long AckId { get; init; }

    public int AttachmentCount { get; init; }

    /// <summary>The JSON payload (empty when the packet has none).</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>For events: the event name (unescaped UTF-8), or a number's text for numeric event names.</summary>
    public ReadOnlyMemory<byte> EventName { get; init; }

    /// <summary>For events and acks: where each argument after the event name lies in <see cref="Payload"/>.</summary>
    public ArgumentOffsets Arguments { get; init; }

    /// <summary>For events and acks: the number of arguments after the event name.</summary>
    public int ArgumentCount => Arguments.Count;

    public bool HasAck => AckId != NoAck;

    public bool IsEvent => Type is SocketIOPacketType.Event or SocketIOPacketType.BinaryEvent;

    public bool IsAck => Type is SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck;
}
