namespace TypedSocketIO.Dispatch;

/// <summary>
/// A Socket.IO packet encoded once, ready to be handed to any number of connections: the text
/// frame (<c>4</c> + packet) and the binary attachments that follow it, in order.
/// </summary>
public sealed class OutgoingPacket
{
    internal OutgoingPacket(byte[] frame, ReadOnlyMemory<byte>[] attachments)
    {
        Frame = frame;
        Attachments = attachments;
    }

    /// <summary>The Engine.IO text frame: <c>4</c> followed by the Socket.IO packet, UTF-8.</summary>
    public ReadOnlyMemory<byte> Frame { get; }

    /// <summary>The binary attachments, sent as binary frames right after <see cref="Frame"/>.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }

    /// <summary>The packet as text, for logs and tests.</summary>
    public override string ToString() => System.Text.Encoding.UTF8.GetString(Frame.Span);
}
