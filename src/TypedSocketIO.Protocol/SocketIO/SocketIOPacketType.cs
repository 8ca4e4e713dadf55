namespace TypedSocketIO.Protocol;

/// <summary>The Socket.IO 5 packet types, each written on the wire as one ASCII digit.</summary>
internal enum SocketIOPacketType : byte
{
    Connect = 0,
    Disconnect = 1,
    Event = 2,
    Ack = 3,
    ConnectError = 4,
    BinaryEvent = 5,
    BinaryAck = 6,
}
