namespace TypedSocketIO.Protocol;

/// <summary>
/// A decoded binary packet (BINARY_EVENT or BINARY_ACK) waiting for its attachments, which arrive
/// as the binary messages right after it, in order.
/// </summary>
internal sealed class BinaryPacketAssembly(SocketIOPacket packet)
{
    private readonly ReadOnlyMemory<byte>[] _attachments = new ReadOnlyMemory<byte>[packet.AttachmentCount];
    private int _received;

    public SocketIOPacket Packet => packet;

    /// <summary>The attachments, by number; complete once <see cref="Add"/> has returned true.</summary>
    public ReadOnlyMemory<byte>[] Attachments => _attachments;

    /// <summary>Adds the next attachment; true when the packet is complete.</summary>
    public bool Add(ReadOnlyMemory<byte> data)
    {
        _attachments[_received++] = data;
        return _received == _attachments.Length;
    }
}
