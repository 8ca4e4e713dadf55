using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO;

/// <summary>
/// An event the server sends to one socket, as the listeners of <see cref="ServerNamespace.OnAnyOutgoing"/>
/// see it (Node's <c>socket.onAnyOutgoing</c>): each target of a broadcast is told on its own. The
/// packet is read back only when <see cref="Name"/> or <see cref="Arguments"/> is asked for.
/// </summary>
public sealed class OutgoingEvent
{
    private string? _name;
    private EventArguments _arguments;

    private OutgoingEvent(Socket socket, OutgoingPacket packet)
    {
        Socket = socket;
        Packet = packet;
    }

    /// <summary>The socket the event goes to.</summary>
    public Socket Socket { get; }

    /// <summary>The encoded packet, as it goes on the wire.</summary>
    public OutgoingPacket Packet { get; }

    /// <summary>The event name.</summary>
    public string Name
    {
        get
        {
            Decode();
            return _name!;
        }
    }

    /// <summary>The event's arguments (after its name), binary attachments included.</summary>
    public EventArguments Arguments
    {
        get
        {
            Decode();
            return _arguments;
        }
    }

    /// <summary>The event in an encoded packet the server is sending; null for anything but an event (an ack, for one).</summary>
    internal static OutgoingEvent? TryCreate(Socket socket, OutgoingPacket packet)
    {
        // The frame is Engine.IO's message digit, then the Socket.IO packet, whose first digit is its type.
        var frame = packet.Frame.Span;
        return frame.Length >= 2 && frame[1] - '0' is (int)SocketIOPacketType.Event or (int)SocketIOPacketType.BinaryEvent
            ? new OutgoingEvent(socket, packet)
            : null;
    }

    private void Decode()
    {
        if (_name is not null)
        {
            return;
        }

        // The server encoded it itself: the limits on clients' input do not apply, only the depth its serializer allows (and the outer array).
        var depth = Math.Max(Socket.Server.JsonOptions.MaxDepth, 64) + 1;
        var decoded = SocketIOPacketDecoder.Decode(Packet.Frame[1..], Packet.Attachments.Count, depth, int.MaxValue);
        var attachments = new ReadOnlyMemory<byte>[Packet.Attachments.Count];
        for (var i = 0; i < attachments.Length; i++)
        {
            attachments[i] = Packet.Attachments[i];
        }

        _arguments = EventArguments.Of(decoded, attachments, Socket.Server.JsonOptions);
        _name = System.Text.Encoding.UTF8.GetString(decoded.EventName.Span);
    }
}
