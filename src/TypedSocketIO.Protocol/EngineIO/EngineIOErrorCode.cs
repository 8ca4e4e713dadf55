namespace TypedSocketIO.EngineIO;

/// <summary>The error codes of Engine.IO's HTTP error bodies (<c>{"code":N,"message":"..."}</c>).</summary>
internal enum EngineIOErrorCode
{
    UnknownTransport = 0,
    UnknownSid = 1,
    BadHandshakeMethod = 2,
    BadRequest = 3,
    Forbidden = 4,
    UnsupportedProtocolVersion = 5,
}
