using System.Globalization;
using System.Text.Json;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// The events the admin namespace sends the UI, encoded as Node's package sends them (the names
/// and argument orders of its <c>ServerEvents</c>); timestamps are ISO strings, as a JavaScript
/// <c>Date</c> becomes in JSON.
/// </summary>
internal sealed class AdminPackets(ServerNamespace admin, TimeProvider time)
{
    private JsonSerializerOptions Options => admin.Server.JsonOptions;

    public OutgoingPacket Session(string sessionId)
    {
        using var builder = PacketBuilder.ForEvent("session", Options);
        builder.Json.WriteStringValue(sessionId);
        return builder.Build(admin.Name);
    }

    public OutgoingPacket Config(IReadOnlyList<string> supportedFeatures)
    {
        using var builder = PacketBuilder.ForEvent("config", Options);
        var json = builder.Json;
        json.WriteStartObject();
        json.WriteStartArray("supportedFeatures"u8);
        foreach (var feature in supportedFeatures)
        {
            json.WriteStringValue(feature);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return builder.Build(admin.Name);
    }

    public OutgoingPacket AllSockets(IEnumerable<Socket> sockets)
    {
        using var builder = PacketBuilder.ForEvent("all_sockets", Options);
        builder.Json.WriteStartArray();
        foreach (var socket in sockets)
        {
            SocketSerializer.Write(builder.Json, socket, Options);
        }

        builder.Json.WriteEndArray();
        return builder.Build(admin.Name);
    }

    public OutgoingPacket SocketConnected(Socket socket)
    {
        using var builder = PacketBuilder.ForEvent("socket_connected", Options);
        SocketSerializer.Write(builder.Json, socket, Options);
        WriteNow(builder.Json);
        return builder.Build(admin.Name);
    }

    /// <summary><c>socket_updated</c> with the socket's new transport.</summary>
    public OutgoingPacket TransportUpdated(Socket socket)
    {
        using var builder = PacketBuilder.ForEvent("socket_updated", Options);
        var json = builder.Json;
        json.WriteStartObject();
        json.WriteString("id"u8, socket.Id);
        json.WriteString("nsp"u8, socket.Namespace.Name);
        json.WriteString("transport"u8, SocketSerializer.TransportName(socket.Transport));
        json.WriteEndObject();
        return builder.Build(admin.Name);
    }

    /// <summary><c>socket_updated</c> with the socket's new data.</summary>
    public OutgoingPacket DataUpdated(Socket socket)
    {
        using var builder = PacketBuilder.ForEvent("socket_updated", Options);
        var json = builder.Json;
        json.WriteStartObject();
        json.WriteString("id"u8, socket.Id);
        json.WriteString("nsp"u8, socket.Namespace.Name);
        json.WritePropertyName("data"u8);
        SocketSerializer.WriteData(json, socket, Options);
        json.WriteEndObject();
        return builder.Build(admin.Name);
    }

    public OutgoingPacket SocketDisconnected(string nsp, string socketId, string reason)
    {
        using var builder = PacketBuilder.ForEvent("socket_disconnected", Options);
        var json = builder.Json;
        json.WriteStringValue(nsp);
        json.WriteStringValue(socketId);
        json.WriteStringValue(reason);
        WriteNow(json);
        return builder.Build(admin.Name);
    }

    /// <summary><c>room_joined</c> or <c>room_left</c>: <c>(nsp, room, id, timestamp)</c>.</summary>
    public OutgoingPacket Room(string eventName, string nsp, string room, string socketId)
    {
        using var builder = PacketBuilder.ForEvent(eventName, Options);
        var json = builder.Json;
        json.WriteStringValue(nsp);
        json.WriteStringValue(room);
        json.WriteStringValue(socketId);
        WriteNow(json);
        return builder.Build(admin.Name);
    }

    /// <summary><c>event_received</c> or <c>event_sent</c>: <c>(nsp, id, [name, ...args], timestamp)</c>.</summary>
    public OutgoingPacket Event(string eventName, string nsp, string socketId, string name, EventArguments args)
    {
        using var builder = PacketBuilder.ForEvent(eventName, Options);
        builder.Json.WriteStringValue(nsp);
        builder.Json.WriteStringValue(socketId);
        ArgumentCopier.WriteEventArray(builder, name, args);
        WriteNow(builder.Json);
        return builder.Build(admin.Name);
    }

    public OutgoingPacket ServerStats(Action<Utf8JsonWriter> writeStats)
    {
        using var builder = PacketBuilder.ForEvent("server_stats", Options);
        writeStats(builder.Json);
        return builder.Build(admin.Name);
    }

    private void WriteNow(Utf8JsonWriter json) =>
        json.WriteStringValue(time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
