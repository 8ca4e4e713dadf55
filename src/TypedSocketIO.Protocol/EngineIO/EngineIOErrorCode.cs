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

internal static class EngineIOErrors
{
    public static string MessageOf(EngineIOErrorCode code) => code switch
    {
        EngineIOErrorCode.UnknownTransport => "Transport unknown",
        EngineIOErrorCode.UnknownSid => "Session ID unknown",
        EngineIOErrorCode.BadHandshakeMethod => "Bad handshake method",
        EngineIOErrorCode.BadRequest => "Bad request",
        EngineIOErrorCode.Forbidden => "Forbidden",
        _ => "Unsupported protocol version",
    };
}
