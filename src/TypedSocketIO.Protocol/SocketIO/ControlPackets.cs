using System.Buffers;
using System.Text.Json;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.Protocol;

/// <summary>
/// The packets that open and close a namespace: CONNECT (<c>{"sid":...}</c>), CONNECT_ERROR
/// (<c>{"message":...,"data":...}</c>) and DISCONNECT (no payload), each as one Engine.IO message frame.
/// </summary>
internal static class ControlPackets
{
    /// <summary>The server's answer to a CONNECT it accepted: <c>40[/nsp,]{"sid":"..."}</c>.</summary>
    public static OutgoingPacket Connect(string namespacePath, string socketId)
    {
        var body = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(body, PacketBuilder.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("sid"u8, socketId);
            json.WriteEndObject();
        }

        return Packet(SocketIOPacketType.Connect, namespacePath, body.WrittenSpan);
    }

    /// <summary>
    /// A refused CONNECT: <c>44[/nsp,]{"message":"..."}</c>, with <c>"data"</c> after the message
    /// when <paramref name="data"/> is not null, serialized as its runtime type with <paramref name="options"/>.
    /// </summary>
    public static OutgoingPacket ConnectError(string namespacePath, string message, object? data, JsonSerializerOptions options)
    {
        var body = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(body, PacketBuilder.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("message"u8, message);
            if (data is not null)
            {
                json.WritePropertyName("data"u8);
                JsonSerializer.Serialize(json, data, options.GetTypeInfo(data.GetType()));
            }

            json.WriteEndObject();
        }

        return Packet(SocketIOPacketType.ConnectError, namespacePath, body.WrittenSpan);
    }

    /// <summary>Leaves a namespace: <c>41[/nsp,]</c>.</summary>
    public static OutgoingPacket Disconnect(string namespacePath) =>
        Packet(SocketIOPacketType.Disconnect, namespacePath, []);

    private static OutgoingPacket Packet(SocketIOPacketType type, string namespacePath, ReadOnlySpan<byte> payload) =>
        new(PacketHeader.Encode(type, namespacePath, SocketIOPacket.NoAck, attachments: 0, payload), []);
}
