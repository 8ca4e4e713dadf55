using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO;

/// <summary>
/// An event the server sends to one socket, as the listeners of <see cref="ServerNamespace.OnAnyOutgoing"/>
/// see it (Node's <c>socket.onAnyOutgoing</c>): each target of a broadcast is told on its own.
/// </summary>
public sealed class OutgoingEvent
{
    private OutgoingEvent(Socket socket, string name, EventArguments arguments, OutgoingPacket packet)
    {
        Socket = socket;
        Name = name;
        Arguments = arguments;
        Packet = packet;
    }

    /// <summary>The socket the event goes to.</summary>
    public Socket Socket { get; }

    /// <summary>The event name.</summary>
    public string Name { get; }

    /// <summary>The event's arguments (after its name), binary attachments included.</summary>
    public EventArguments Arguments { get; }

    /// <summary>The encoded packet, as it goes on the wire.</summary>
    public OutgoingPacket Packet { get; }

    /// <summary>Reads back an encoded packet the server is sending; null for anything but an event (an ack, for one).</summary>
    internal static OutgoingEvent? TryDecode(Socket socket, OutgoingPacket packet)
    {
        // The frame is Engine.IO's message digit, then the Socket.IO packet, whose first digit is its type.
        var frame = packet.Frame;
        if (frame.Length < 2 || frame.Span[1] - '0' is not ((int)SocketIOPacketType.Event or (int)SocketIOPacketType.BinaryEvent))
        {
            return null;
        }

        // The server encoded it itself: the limits on clients' input do not apply, only the depth its serializer allows (and the outer array).
        var depth = Math.Max(socket.Server.JsonOptions.MaxDepth, 64) + 1;
        var decoded = SocketIOPacketDecoder.Decode(frame[1..], packet.Attachments.Count, depth, int.MaxValue);
        var attachments = new ReadOnlyMemory<byte>[packet.Attachments.Count];
        for (var i = 0; i < attachments.Length; i++)
        {
            attachments[i] = packet.Attachments[i];
        }

        var name = System.Text.Encoding.UTF8.GetString(decoded.EventName.Span);
        return new OutgoingEvent(socket, name, EventArguments.Of(decoded, attachments, socket.Server.JsonOptions), packet);
    }
}
