using System.Text.Json;

namespace TypedSocketIO.Protocol;

/// <summary>
/// Decodes the text form of a Socket.IO packet:
/// <c>&lt;type&gt;[&lt;attachments&gt;-][&lt;namespace&gt;,][&lt;ack id&gt;][&lt;JSON payload&gt;]</c>.
/// It validates the whole packet, JSON included, so that nothing malformed reaches a handler.
/// </summary>
internal static class SocketIOPacketDecoder
{
    /// <summary>JavaScript's largest safe integer: ack ids above it cannot round-trip through a JS client.</summary>
    public const long MaxAckId = 9007199254740991;

    private static readonly byte[] RootNamespace = "/"u8.ToArray();

    /// <summary>Decodes <paramref name="utf8"/> within the given limits (<see cref="SocketIOLimits"/>' defaults unless given).</summary>
    public static SocketIOPacket Decode(
        ReadOnlyMemory<byte> utf8,
        int maxAttachments = SocketIOLimits.DefaultMaxAttachments,
        int maxDepth = SocketIOLimits.DefaultMaxDepth,
        int maxArguments = SocketIOLimits.DefaultMaxArguments) =>
        Decode(utf8, new SocketIOLimits(maxAttachments, maxDepth, maxArguments));

    /// <summary>Decodes <paramref name="utf8"/>; throws <see cref="ProtocolException"/> on anything malformed or out of <paramref name="limits"/>.</summary>
    /// <param name="utf8">The packet, without Engine.IO's message digit.</param>
    /// <param name="limits">The most attachments, JSON nesting and arguments the packet may have.</param>
    public static SocketIOPacket Decode(ReadOnlyMemory<byte> utf8, SocketIOLimits limits)
    {
        var span = utf8.Span;
        if (span.IsEmpty)
        {
            throw new ProtocolException("empty packet");
        }

        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            throw new ProtocolException("invalid UTF-8");
        }

        var typeDigit = span[0] - '0';
        if (typeDigit is < 0 or > 6)
        {
            throw new ProtocolException("unknown packet type");
        }

        var type = (SocketIOPacketType)typeDigit;
        var position = 1;

        var attachments = 0;
        if (type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck)
        {
            var start = position;
            long count = 0;
            while (position < span.Length && IsDigit(span[position]))
            {
                count = count * 10 + (span[position] - '0');
                if (count > limits.MaxAttachments)
                {
                    throw new ProtocolException("too many attachments");
                }

                position++;
            }

            // At least one: a packet without binary is an EVENT or ACK (Node's parser refuses "50-" too).
            if (position == start || count == 0 || position >= span.Length || span[position] != '-')
            {
                throw new ProtocolException("illegal attachments");
            }

            attachments = (int)count;
            position++;
        }

        ReadOnlyMemory<byte> nsp = RootNamespace;
        if (position < span.Length && span[position] == '/')
        {
            var comma = span[position..].IndexOf((byte)',');
            var end = comma < 0 ? span.Length : position + comma;
            nsp = utf8[position..end];
            position = comma < 0 ? end : end + 1;
        }

        var ackId = SocketIOPacket.NoAck;
        if (position < span.Length && IsDigit(span[position]))
        {
            long id = 0;
            while (position < span.Length && IsDigit(span[position]))
            {
                id = id * 10 + (span[position] - '0');
                if (id > MaxAckId)
                {
                    throw new ProtocolException("ack id out of range");
                }

                position++;
            }

            ackId = id;
        }

        var payload = utf8[position..];
        var packet = new SocketIOPacket
        {
            Type = type,
            Namespace = nsp,
            AckId = ackId,
            AttachmentCount = attachments,
            Payload = payload,
        };
        return ValidatePayload(packet, limits);
    }

    private static SocketIOPacket ValidatePayload(SocketIOPacket packet, SocketIOLimits limits)
    {
        var payload = packet.Payload;
        var maxDepth = limits.MaxDepth;
        switch (packet.Type)
        {
            case SocketIOPacketType.Connect:
                if (packet.HasAck || (!payload.IsEmpty && FirstTokenOf(payload, maxDepth) != JsonTokenType.StartObject))
                {
                    throw new ProtocolException("invalid CONNECT payload");
                }

                return packet;

            case SocketIOPacketType.Disconnect:
                if (!payload.IsEmpty || packet.HasAck)
                {
                    throw new ProtocolException("invalid DISCONNECT payload");
                }

                return packet;

            case SocketIOPacketType.ConnectError:
                if (packet.HasAck)
                {
                    throw new ProtocolException("CONNECT_ERROR with an ack id");
                }

                var first = payload.IsEmpty ? JsonTokenType.None : FirstTokenOf(payload, maxDepth);
                if (first is not (JsonTokenType.StartObject or JsonTokenType.String))
                {
                    throw new ProtocolException("invalid CONNECT_ERROR payload");
                }

                return packet;

            case SocketIOPacketType.Event:
            case SocketIOPacketType.BinaryEvent:
                return ReadEventArray(packet, limits);

            default: // ACK, BINARY_ACK
                if (!packet.HasAck)
                {
                    throw new ProtocolException("ACK without id");
                }

                return ReadAckArray(packet, limits);
        }
    }

    private static SocketIOPacket ReadEventArray(SocketIOPacket packet, SocketIOLimits limits)
    {
        var reader = NewReader(packet.Payload.Span, limits.MaxDepth);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new ProtocolException("EVENT payload is not an array");
            }

            if (!reader.Read() || reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
            {
                throw new ProtocolException("EVENT without a name");
            }

            ReadOnlyMemory<byte> name;
            if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
            {
                var buffer = new byte[reader.ValueSpan.Length];
                var written = reader.CopyString(buffer);
                name = buffer.AsMemory(0, written);
            }
            else
            {
                var start = (int)reader.TokenStartIndex + (reader.TokenType == JsonTokenType.String ? 1 : 0);
                name = packet.Payload.Slice(start, reader.ValueSpan.Length);
            }

            return packet with { EventName = name, Arguments = ReadArguments(ref reader, packet, limits) };
        }
        catch (JsonException)
        {
            throw new ProtocolException("malformed JSON in EVENT");
        }
        catch (InvalidOperationException)
        {
            // An escaped event name that is not valid UTF-16 (a lone or reversed surrogate).
            throw new ProtocolException("invalid event name");
        }
    }

    private static SocketIOPacket ReadAckArray(SocketIOPacket packet, SocketIOLimits limits)
    {
        var reader = NewReader(packet.Payload.Span, limits.MaxDepth);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new ProtocolException("ACK payload is not an array");
            }

            return packet with { Arguments = ReadArguments(ref reader, packet, limits) };
        }
        catch (JsonException)
        {
            throw new ProtocolException("malformed JSON in ACK");
        }
    }

    /// <summary>
    /// Reads the rest of the payload array, the arguments, recording where each one lies and, in a
    /// binary packet, checking its placeholders against the attachments.
    /// </summary>
    private static ArgumentOffsets ReadArguments(ref Utf8JsonReader reader, SocketIOPacket packet, SocketIOLimits limits)
    {
        var binary = packet.Type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck;
        // The reader's depth limit (0 meaning its default, 64) also bounds the objects open at once.
        var placeholders = binary ? new PlaceholderCheck(packet.AttachmentCount, limits.MaxDepth > 0 ? limits.MaxDepth : 64) : default;
        var offsets = new ArgumentOffsets.Builder();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (offsets.Count == limits.MaxArguments)
                {
                    throw new ProtocolException("too many arguments");
                }

                var start = (int)reader.TokenStartIndex;
                if (binary)
                {
                    placeholders.Walk(ref reader);
                }
                else
                {
                    reader.Skip();
                }

                offsets.Add(start, (int)reader.BytesConsumed);
            }

            EnsureEnd(ref reader);
            if (binary)
            {
                placeholders.EnsureEveryAttachmentNamed();
            }

            return offsets.Build();
        }
        finally
        {
            offsets.Dispose();
            placeholders.Dispose();
        }
    }

    private static JsonTokenType FirstTokenOf(ReadOnlyMemory<byte> payload, int maxDepth)
    {
        var reader = NewReader(payload.Span, maxDepth);
        try
        {
            if (!reader.Read())
            {
                throw new ProtocolException("empty JSON payload");
            }

            var type = reader.TokenType;
            reader.Skip();
            EnsureEnd(ref reader);
            return type;
        }
        catch (JsonException)
        {
            throw new ProtocolException("malformed JSON payload");
        }
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // The reader is final: a second value or stray bytes throw, so only 'more tokens' remains.
        if (reader.Read())
        {
            throw new ProtocolException("trailing data after JSON payload");
        }
    }

    private static Utf8JsonReader NewReader(ReadOnlySpan<byte> json, int maxDepth) =>
        new(json, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
