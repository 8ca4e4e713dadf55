using System.Buffers;
using System.Text.Json;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.EngineIO;

/// <summary>The bodies of Engine.IO's HTTP errors: <c>{"code":N,"message":"..."}</c>.</summary>
internal static class EngineIOErrors
{
    /// <summary>The standard message of <paramref name="code"/>, as Node's engine.io words it.</summary>
    public static string MessageOf(EngineIOErrorCode code) => code switch
    {
        EngineIOErrorCode.UnknownTransport => "Transport unknown",
        EngineIOErrorCode.UnknownSid => "Session ID unknown",
        EngineIOErrorCode.BadHandshakeMethod => "Bad handshake method",
        EngineIOErrorCode.BadRequest => "Bad request",
        EngineIOErrorCode.Forbidden => "Forbidden",
        _ => "Unsupported protocol version",
    };

    /// <summary>The error body of <paramref name="code"/>, with <paramref name="message"/> or else the standard one.</summary>
    public static byte[] Encode(EngineIOErrorCode code, string? message = null)
    {
        var body = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(body, PacketBuilder.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("code"u8, (int)code);
            json.WriteString("message"u8, message ?? MessageOf(code));
            json.WriteEndObject();
        }

        return body.WrittenSpan.ToArray();
    }
}
