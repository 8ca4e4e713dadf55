using System.Buffers;
using System.Buffers.Text;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Dispatch;

/// <summary>
/// Builds one outgoing event or ack packet: the caller writes the arguments in order, and
/// <see cref="Build"/> returns the encoded packet. Binary arguments become attachments with
/// placeholders, as the protocol asks. Generated emit proxies use this type; a builder is
/// rented per packet and returned when disposed.
/// </summary>
/// <remarks>For generated code: the typed client proxies and ack writers build their packets with it. Hidden from IntelliSense; user code emits with <c>EmitAsync</c>.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PacketBuilder : IDisposable
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        // UTF-8 goes out as UTF-8, emoji included: the payload is JSON over a socket, not HTML.
        Encoder = SocketIOJsonEncoder.Instance,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static PacketBuilder? s_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;
    private readonly List<ReadOnlyMemory<byte>> _attachments = [];
    private JsonSerializerOptions _options = SocketIOJson.DefaultOptions;
    private bool _isAck;

    private PacketBuilder()
    {
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>The JSON writer positioned inside the argument array; write one value per argument.</summary>
    public Utf8JsonWriter Json => _json;

    /// <summary>The serializer options arguments are written with.</summary>
    public JsonSerializerOptions SerializerOptions => _options;

    /// <summary>Starts an event packet: the argument array opened and the event name written.</summary>
    public static PacketBuilder ForEvent(string eventName, JsonSerializerOptions? options = null)
    {
        var builder = Rent(options, isAck: false);
        builder._json.WriteStringValue(eventName);
        return builder;
    }

    /// <summary>Starts an ack packet: the argument array opened.</summary>
    public static PacketBuilder ForAck(JsonSerializerOptions? options = null) => Rent(options, isAck: true);

    private static PacketBuilder Rent(JsonSerializerOptions? options, bool isAck)
    {
        var builder = s_cached ?? new PacketBuilder();
        s_cached = null;
        builder._options = options ?? SocketIOJson.DefaultOptions;
        builder._isAck = isAck;
        builder._json.WriteStartArray();
        return builder;
    }

    /// <summary>Encodes an event whose arguments are objects of any runtime type (the delegate API's emits).</summary>
    internal static OutgoingPacket EncodeEvent(string namespacePath, string eventName, object?[] args, JsonSerializerOptions options, long ackId = -1)
    {
        using var builder = ForEvent(eventName, options);
        builder.WriteObjects(args);
        return builder.Build(namespacePath, ackId);
    }

    /// <summary>Encodes an ack whose values are objects of any runtime type.</summary>
    internal static OutgoingPacket EncodeAck(string namespacePath, object?[] values, JsonSerializerOptions options, long ackId)
    {
        using var builder = ForAck(options);
        builder.WriteObjects(values);
        return builder.Build(namespacePath, ackId);
    }

    private void WriteObjects(object?[] values)
    {
        foreach (var value in values)
        {
            WriteObject(value);
        }
    }

    /// <summary>Writes a binary argument: a placeholder in the JSON and the bytes as an attachment.</summary>
    public void WriteBinary(ReadOnlyMemory<byte> bytes)
    {
        Placeholder.Write(_json, _attachments.Count);
        _attachments.Add(bytes);
    }

    /// <summary>Writes an argument with its source-generated or resolver-provided type info.</summary>
    public void Write<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(_json, value, typeInfo);

    /// <summary>Writes an argument of a type the configured resolver chain knows.</summary>
    public void Write<T>(T value)
    {
        if (!TryWriteBinary(value))
        {
            JsonSerializer.Serialize(_json, value, (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T)));
        }
    }

    /// <summary>
    /// Writes an argument of any runtime type: binary types become attachments, <see cref="EventArguments"/>
    /// is spliced in whole, anything else goes through the configured resolver chain.
    /// </summary>
    public void WriteObject(object? value)
    {
        switch (value)
        {
            case null:
                _json.WriteNullValue();
                break;
            case EventArguments args:
                WriteArguments(args);
                break;
            case JsonElement element:
                element.WriteTo(_json);
                break;
            default:
                if (!TryWriteBinary(value))
                {
                    JsonSerializer.Serialize(_json, value, _options.GetTypeInfo(value.GetType()));
                }

                break;
        }
    }

    /// <summary>Writes every argument of a received event or ack, binary attachments included.</summary>
    public void WriteArguments(EventArguments args)
    {
        var offset = _attachments.Count;
        for (var i = 0; i < args.Count; i++)
        {
            var raw = args.GetRawJson(i);
            if (args.AttachmentCount == 0 || offset == 0)
            {
                // Placeholders keep their numbers when the attachments keep their places: copy as received.
                _json.WriteRawValue(raw.Span, skipInputValidation: true);
            }
            else
            {
                CopyRenumberingPlaceholders(raw.Span, offset);
            }
        }

        for (var i = 0; i < args.AttachmentCount; i++)
        {
            _attachments.Add(args.GetAttachment(i));
        }
    }

    private void CopyRenumberingPlaceholders(ReadOnlySpan<byte> json, int offset)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        WriteRenumbered(document.RootElement, offset);
    }

    private void WriteRenumbered(JsonElement element, int offset)
    {
        if (Placeholder.TryRead(element, out var num))
        {
            Placeholder.Write(_json, num + offset);
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                _json.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteRenumbered(item, offset);
                }

                _json.WriteEndArray();
                break;
            case JsonValueKind.Object:
                _json.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    _json.WritePropertyName(property.Name);
                    WriteRenumbered(property.Value, offset);
                }

                _json.WriteEndObject();
                break;
            default:
                element.WriteTo(_json);
                break;
        }
    }

    private bool TryWriteBinary<T>(T value)
    {
        switch (value)
        {
            case byte[] bytes:
                WriteBinary(bytes);
                return true;
            case ReadOnlyMemory<byte> memory:
                WriteBinary(memory);
                return true;
            case Memory<byte> memory:
                WriteBinary(memory);
                return true;
            case ArraySegment<byte> segment:
                WriteBinary(segment);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Closes the argument array and encodes the packet for <paramref name="namespacePath"/>.</summary>
    /// <param name="namespacePath">The namespace, <c>/</c> for the main one.</param>
    /// <param name="ackId">The ack id, or -1 for none.</param>
    public OutgoingPacket Build(string namespacePath, long ackId = -1)
    {
        _json.WriteEndArray();
        _json.Flush();
        var payload = _buffer.WrittenSpan;

        var type = (_isAck, _attachments.Count > 0) switch
        {
            (false, false) => SocketIOPacketType.Event,
            (false, true) => SocketIOPacketType.BinaryEvent,
            (true, false) => SocketIOPacketType.Ack,
            (true, true) => SocketIOPacketType.BinaryAck,
        };

        var frame = PacketHeader.Encode(type, namespacePath, ackId, _attachments.Count, payload);
        return new OutgoingPacket(frame, _attachments.ToArray());
    }

    /// <summary>Returns the builder to the per-thread cache.</summary>
    public void Dispose()
    {
        _json.Reset();
        _buffer.ResetWrittenCount();
        _attachments.Clear();
        _options = SocketIOJson.DefaultOptions;
        if (_buffer.Capacity <= 64 * 1024)
        {
            s_cached = this;
        }
    }
}
