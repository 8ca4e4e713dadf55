using System.Globalization;
using System.Text;
using System.Text.Json;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Oracle;

/// <summary>
/// Our side of the comparison: a packet read as the server reads one (the decoder, then as many
/// binary messages as it declares, as <c>ClientConnection</c> assembles them), and a packet
/// described in the same canonical words as Node's, <c>type|namespace|ack id|data</c>.
/// </summary>
internal static class OurParser
{
    public sealed record Received(SocketIOPacket Packet, ReadOnlyMemory<byte>[] Attachments)
    {
        public EventArguments Arguments => ArgumentsOf(Packet, Attachments);
    }

    /// <summary>Decodes a packet and takes its attachments; throws <see cref="ProtocolException"/> where the server would close.</summary>
    public static Received Read(string text, IReadOnlyList<byte[]> attachments)
    {
        var packet = SocketIOPacketDecoder.Decode(Encoding.UTF8.GetBytes(text));
        if (packet.AttachmentCount != attachments.Count)
        {
            // The server waits for exactly the declared number of binary messages; a binary message more is a violation.
            throw new ProtocolException($"{packet.AttachmentCount} attachments declared, {attachments.Count} sent");
        }

        return new Received(packet, [.. attachments.Select(a => (ReadOnlyMemory<byte>)a)]);
    }

    /// <summary>The arguments of an event (after its name) or an ack, as handlers get them.</summary>
    public static EventArguments ArgumentsOf(SocketIOPacket packet, ReadOnlyMemory<byte>[] attachments) =>
        EventArguments.Of(packet, attachments.Length == 0 ? null : attachments, SocketIOJson.DefaultOptions);

    /// <summary>What a received packet means: each argument read through <see cref="EventArguments"/>, placeholders standing for their attachments.</summary>
    public static string Describe(Received received)
    {
        var packet = received.Packet;
        var nsp = Encoding.UTF8.GetString(packet.Namespace.Span);
        string data;
        if (packet.IsEvent || packet.IsAck)
        {
            var arguments = received.Arguments;
            var parts = new List<string>();
            if (packet.IsEvent)
            {
                var name = Encoding.UTF8.GetString(packet.EventName.Span);
                // A numeric name comes as the number's text; a string name as its characters.
                using var payload = JsonDocument.Parse(packet.Payload, new JsonDocumentOptions { MaxDepth = 256 });
                parts.Add(payload.RootElement[0].ValueKind == JsonValueKind.String
                    ? OracleJson.Quote(name)
                    : OracleJson.CanonJson(Encoding.UTF8.GetBytes(name), []));
            }

            for (var i = 0; i < arguments.Count; i++)
            {
                parts.Add(OracleJson.CanonJson(arguments.GetRawJson(i).Span, received.Attachments));
            }

            data = "[" + string.Join(',', parts) + "]";
        }
        else
        {
            data = packet.Payload.IsEmpty ? "undefined" : OracleJson.CanonJson(packet.Payload.Span, []);
        }

        return Line((int)packet.Type, nsp, packet.AckId, data);
    }

    /// <summary>What Node's decoder made of a packet (its <c>sio.decode</c> answer).</summary>
    public static string DescribeNode(JsonElement decoded)
    {
        var id = decoded.GetProperty("id");
        return Line(
            decoded.GetProperty("type").GetInt32(),
            OracleJson.String(decoded.GetProperty("nsp")),
            id.ValueKind == JsonValueKind.Null ? "-1" : id.GetString()!,
            OracleJson.CanonTagged(decoded.GetProperty("data")));
    }

    /// <summary>A packet in words: <c>type|"namespace"|ack id (-1 for none)|data</c>.</summary>
    public static string Line(int type, string nsp, long ackId, string data) =>
        Line(type, nsp, ackId.ToString(CultureInfo.InvariantCulture), data);

    private static string Line(int type, string nsp, string ackId, string data) =>
        $"{type}|{OracleJson.Quote(nsp)}|{ackId}|{data}";

    /// <summary>The type Node's decoder reports: it turns BINARY_EVENT into EVENT and BINARY_ACK into ACK once the buffers are in place.</summary>
    public static int NodeDecodedType(SocketIOPacketType type) => type switch
    {
        SocketIOPacketType.BinaryEvent => (int)SocketIOPacketType.Event,
        SocketIOPacketType.BinaryAck => (int)SocketIOPacketType.Ack,
        _ => (int)type,
    };

    /// <summary>The item for the oracle's <c>sio.decode</c>: a packet's text and its attachments.</summary>
    public static string DecodeItem(string text, IEnumerable<ReadOnlyMemory<byte>> attachments) =>
        "{\"text\":" + OracleJson.Quote(text) + ",\"attachments\":[" + string.Join(',', attachments.Select(a => OracleJson.Base64(a.Span))) + "]}";

    /// <summary>An outgoing packet as Node's decoder gets it: the text after Engine.IO's <c>4</c>, then the attachments.</summary>
    public static string DecodeItem(OutgoingPacket outgoing)
    {
        if (outgoing.Frame.Span[0] != (byte)'4')
        {
            throw new InvalidOperationException("not a message frame: " + outgoing);
        }

        return DecodeItem(Encoding.UTF8.GetString(outgoing.Frame.Span[1..]), outgoing.Attachments);
    }
}
