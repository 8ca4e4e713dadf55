namespace TypedSocketIO.Protocol;

/// <summary>The Engine.IO 4 packet types, each written on the wire as one ASCII digit.</summary>
internal enum EnginePacketType : byte
{
    Open = 0,
    Close = 1,
    Ping = 2,
    Pong = 3,
    Message = 4,
    Upgrade = 5,
    Noop = 6,
}
