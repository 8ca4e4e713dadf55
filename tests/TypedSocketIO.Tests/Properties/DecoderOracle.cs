using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Unicode;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Properties;

/// <summary>
/// Runs <see cref="SocketIOPacketDecoder.Decode"/> and judges the outcome: a <see cref="ProtocolException"/>
/// is a rejection; any other exception escapes (and fails the property); an accepted packet must keep
/// the decoder's promise that nothing malformed reaches a handler.
/// </summary>
internal static class DecoderOracle
{
    /// <summary>How long one decode (or one batch of them) may take before it counts as a hang.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<int, JsonSerializerOptions> OptionsByDepth = new();

    /// <summary>Decodes <paramref name="input"/>: true when accepted, false when rejected with <see cref="ProtocolException"/>.</summary>
    public static bool Accepts(byte[] input, int maxAttachments = 10, int maxDepth = SocketIOLimits.DefaultMaxDepth)
    {
        SocketIOPacket packet;
        try
        {
            packet = SocketIOPacketDecoder.Decode(input, maxAttachments, maxDepth);
        }
        catch (ProtocolException)
        {
            return false;
        }

        CheckAccepted(input, packet, maxAttachments, maxDepth);
        return true;
    }

    /// <summary>Runs <paramref name="work"/> on the pool and fails if it takes longer than <see cref="TimeLimit"/>.</summary>
    public static T WithinTimeLimit<T>(Func<T> work, Func<string> describe)
    {
        var task = Task.Run(work);
        bool completed;
        try
        {
            completed = task.Wait(TimeLimit);
        }
        catch (AggregateException)
        {
            completed = true; // faulted: rethrown below as itself
        }

        if (!completed)
        {
            throw new TimeoutException($"no answer within {TimeLimit.TotalSeconds} s for {describe()}");
        }

        return task.GetAwaiter().GetResult();
    }

    public static bool AcceptsWithinTimeLimit(byte[] input, int maxAttachments = 10, int maxDepth = SocketIOLimits.DefaultMaxDepth) =>
        WithinTimeLimit(() => Accepts(input, maxAttachments, maxDepth), () => Gens.Show(input));

    /// <summary>What every accepted packet satisfies, whatever bytes it came from.</summary>
    private static void CheckAccepted(byte[] input, SocketIOPacket packet, int maxAttachments, int maxDepth)
    {
        var shown = Gens.Show(input);
        Check(input.Length > 0 && Utf8.IsValid(input), "accepted empty or invalid UTF-8", shown);
        Check((int)packet.Type == input[0] - '0', "type differs from the first digit", shown);

        var nsp = packet.Namespace.Span;
        Check(nsp.Length > 0 && nsp[0] == (byte)'/' && !nsp.Contains((byte)','), "namespace not /... without a comma", shown);
        Check(packet.AckId >= -1 && packet.AckId <= SocketIOPacketDecoder.MaxAckId, "ack id out of range", shown);
        Check(packet.AttachmentCount >= 0 && packet.AttachmentCount <= maxAttachments, "attachment count out of range", shown);

        var binary = packet.Type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck;
        Check(binary || packet.AttachmentCount == 0, "attachments on a text packet", shown);

        var payload = packet.Payload.Span;
        switch (packet.Type)
        {
            case SocketIOPacketType.Connect:
                Check(!packet.HasAck, "CONNECT with an ack id", shown);
                Check(payload.IsEmpty || Root(payload, maxDepth) == JsonValueKind.Object, "CONNECT payload not an object", shown);
                return;
            case SocketIOPacketType.Disconnect:
                Check(!packet.HasAck && payload.IsEmpty, "DISCONNECT with an ack id or payload", shown);
                return;
            case SocketIOPacketType.ConnectError:
                Check(!packet.HasAck, "CONNECT_ERROR with an ack id", shown);
                Check(Root(payload, maxDepth) is JsonValueKind.Object or JsonValueKind.String, "CONNECT_ERROR payload not an object or string", shown);
                return;
            case SocketIOPacketType.Ack or SocketIOPacketType.BinaryAck:
                Check(packet.HasAck, "ACK without an id", shown);
                break;
        }

        // Events and acks: a JSON array whose elements the argument API can read, each of them.
        using var document = JsonDocument.Parse(packet.Payload, new JsonDocumentOptions { MaxDepth = maxDepth });
        var array = document.RootElement;
        Check(array.ValueKind == JsonValueKind.Array, "payload is not an array", shown);
        var skip = packet.IsEvent ? 1 : 0;
        Check(array.GetArrayLength() == packet.ArgumentCount + skip, "argument count differs from the array", shown);

        if (packet.IsEvent)
        {
            var name = array[0];
            Check(name.ValueKind is JsonValueKind.String or JsonValueKind.Number, "event name is not a string or number", shown);
            Check(Utf8.IsValid(packet.EventName.Span), "event name is not valid UTF-8", shown);
            if (name.ValueKind == JsonValueKind.String)
            {
                Check(name.GetString() == System.Text.Encoding.UTF8.GetString(packet.EventName.Span), "event name differs from the JSON string", shown);
            }
            else
            {
                Check(name.GetRawText() == System.Text.Encoding.UTF8.GetString(packet.EventName.Span), "numeric event name differs from its text", shown);
            }
        }

        var options = maxDepth == SocketIOJson.DefaultOptions.MaxDepth
            ? SocketIOJson.DefaultOptions
            : OptionsByDepth.GetOrAdd(maxDepth, depth => new JsonSerializerOptions(SocketIOJson.DefaultOptions) { MaxDepth = depth });
        var attachments = Enumerable.Range(0, packet.AttachmentCount).Select(i => (ReadOnlyMemory<byte>)new[] { (byte)i }).ToArray();
        var arguments = EventArguments.Of(packet, attachments, options);
        Check(arguments.Count == packet.ArgumentCount, "argument count", shown);
        for (var i = 0; i < arguments.Count; i++)
        {
            var raw = arguments.GetRawJson(i);
            Check(System.Text.Encoding.UTF8.GetString(raw.Span) == array[i + skip].GetRawText(), $"raw JSON of argument {i} differs from the array", shown);
        }

        _ = arguments.ToString();
        var reader = arguments.CreateReader();
        for (var i = 0; i < arguments.Count; i++)
        {
            Check(reader.ReadElement().GetRawText() == array[i + skip].GetRawText(), $"reader's argument {i} differs from the array", shown);
        }

        Check(!reader.HasNext, "reader has more arguments than the count", shown);
    }

    private static JsonValueKind Root(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        return JsonElement.ParseValue(ref reader).ValueKind;
    }

    private static void Check(bool condition, string what, string input)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"decoder accepted {input} but {what}");
        }
    }
}
