using System.Globalization;
using System.Text.Json;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// Writes a socket as the UI reads it (Node's <c>serialize</c>): <c>{id, clientId, transport,
/// nsp, data, handshake: {address, headers, query, issued, secure, time, url, xdomain}, rooms}</c>.
/// The CONNECT auth is left out, as Node leaves it out: it may hold credentials.
/// </summary>
internal static class SocketSerializer
{
    public static void Write(Utf8JsonWriter json, Socket socket, JsonSerializerOptions options)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, socket.Id);
        json.WriteString("clientId"u8, ClientId(socket));
        json.WriteString("transport"u8, TransportName(socket.Transport));
        json.WriteString("nsp"u8, socket.Namespace.Name);
        json.WritePropertyName("data"u8);
        WriteData(json, socket, options);
        json.WritePropertyName("handshake"u8);
        WriteHandshake(json, socket.Handshake);
        json.WriteStartArray("rooms"u8);
        foreach (var room in socket.Rooms)
        {
            json.WriteStringValue(room);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The client (connection) id as Node's package shows it: its first 12 characters.</summary>
    public static string ClientId(Socket socket) => socket.ConnectionId.Length > 12 ? socket.ConnectionId[..12] : socket.ConnectionId;

    /// <summary>Engine.IO's names of the transports.</summary>
    public static string TransportName(EngineIOTransports transport) => transport == EngineIOTransports.WebSocket ? "websocket" : "polling";

    /// <summary>
    /// The socket's data (<see cref="Socket.SetData{T}(T)"/>) as one object keyed by type name,
    /// each value written with the server's JSON resolvers; a type they do not know shows as its
    /// name, so that the UI never fails on data it cannot show.
    /// </summary>
    public static void WriteData(Utf8JsonWriter json, Socket socket, JsonSerializerOptions options)
    {
        json.WriteStartObject();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (type, value) in socket.GetAllData())
        {
            json.WritePropertyName(names.Add(type.Name) ? type.Name : type.FullName ?? type.Name);
            byte[]? encoded = null;
            if (options.TryGetTypeInfo(type, out var typeInfo))
            {
                try
                {
                    encoded = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
                }
                catch (Exception exception) when (exception is NotSupportedException or JsonException or InvalidOperationException)
                {
                    // A cycle or an unsupported member: shown by its type name below.
                }
            }

            if (encoded is null)
            {
                json.WriteStringValue($"({type.Name})");
            }
            else
            {
                json.WriteRawValue(encoded, skipInputValidation: true);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteHandshake(Utf8JsonWriter json, SocketHandshake handshake)
    {
        var headers = handshake.Headers;
        json.WriteStartObject();
        // As Node's package: the address a proxy in front reports, else the peer's.
        var address = First(headers, "cf-connecting-ip") ?? First(headers, "x-forwarded-for") ?? handshake.RemoteAddress?.ToString();
        if (address is null)
        {
            json.WriteNull("address"u8);
        }
        else
        {
            json.WriteString("address"u8, address);
        }

        json.WriteStartObject("headers"u8);
        foreach (var (name, values) in headers)
        {
            // Node's header names are lower case, a repeated header's values joined with ", ".
            json.WriteString(name.ToLowerInvariant(), string.Join(", ", values.ToArray()));
        }

        json.WriteEndObject();
        json.WriteStartObject("query"u8);
        foreach (var (name, values) in handshake.Query)
        {
            if (values.Count == 1)
            {
                json.WriteString(name, values[0]);
                continue;
            }

            json.WriteStartArray(name);
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteNumber("issued"u8, handshake.IssuedAt.ToUnixTimeMilliseconds());
        json.WriteBoolean("secure"u8, handshake.Secure);
        json.WriteString("time"u8, JavaScriptDateString(handshake.IssuedAt));
        json.WriteString("url"u8, handshake.Url);
        json.WriteBoolean("xdomain"u8, headers.ContainsKey("Origin"));
        json.WriteEndObject();
    }

    private static string? First(TypedSocketIO.EngineIO.HandshakeDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    /// <summary>The handshake time as JavaScript's <c>Date.toString()</c> writes it (Node's <c>handshake.time</c>), without the zone's name.</summary>
    private static string JavaScriptDateString(DateTimeOffset time)
    {
        var local = time.ToLocalTime();
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return local.ToString("ddd MMM dd yyyy HH:mm:ss", CultureInfo.InvariantCulture)
            + $" GMT{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}";
    }
}
