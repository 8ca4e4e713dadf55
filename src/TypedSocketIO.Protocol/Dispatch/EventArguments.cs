using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO;

/// <summary>
/// The arguments of a received event or ack, still as the UTF-8 JSON they arrived in, with
/// their binary attachments. Values are read on demand, by position; the decoder recorded where
/// each one lies, so reading any of them costs only its own size.
/// </summary>
public readonly struct EventArguments
{
    private readonly ReadOnlyMemory<byte> _payload;
    private readonly ArgumentOffsets _offsets;
    private readonly ReadOnlyMemory<byte>[]? _attachments;
    private readonly JsonSerializerOptions? _options;

    private EventArguments(ReadOnlyMemory<byte> payload, ArgumentOffsets offsets, ReadOnlyMemory<byte>[]? attachments, JsonSerializerOptions options)
    {
        _payload = payload;
        _offsets = offsets;
        _attachments = attachments;
        _options = options;
    }

    /// <summary>No arguments.</summary>
    public static EventArguments Empty => default;

    /// <summary>How many arguments there are.</summary>
    public int Count => _offsets.Count;

    /// <summary>How many binary attachments came with the arguments.</summary>
    public int AttachmentCount => _attachments?.Length ?? 0;

    private JsonSerializerOptions Options => _options ?? SocketIOJson.DefaultOptions;

    /// <summary>The arguments of a decoded event (after its name) or ack, with the attachments that completed it.</summary>
    internal static EventArguments Of(in SocketIOPacket packet, ReadOnlyMemory<byte>[]? attachments, JsonSerializerOptions options) =>
        new(packet.Payload, packet.Arguments, attachments, options);

    /// <summary>Returns the raw JSON of the argument at <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> GetRawJson(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var (start, length) = _offsets[index];
        return _payload.Slice(start, length);
    }

    /// <summary>Returns the argument at <paramref name="index"/> as a <see cref="JsonElement"/>.</summary>
    public JsonElement GetElement(int index)
    {
        var reader = ReaderAt(index);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Whether the argument at <paramref name="index"/> is binary (an attachment placeholder).</summary>
    public bool IsBinary(int index) => Placeholder.TryRead(GetElement(index), out _);

    /// <summary>Returns the binary argument at <paramref name="index"/>.</summary>
    /// <exception cref="InvalidOperationException">The argument is not binary.</exception>
    public ReadOnlyMemory<byte> GetBytes(int index)
    {
        if (!Placeholder.TryRead(GetElement(index), out var num) || num >= AttachmentCount)
        {
            throw new InvalidOperationException($"Argument {index} is not binary.");
        }

        return _attachments![num];
    }

    /// <summary>Returns the string argument at <paramref name="index"/> (null for JSON null).</summary>
    public string? GetString(int index)
    {
        var reader = ReaderAt(index);
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
    }

    /// <summary>Reads the argument at <paramref name="index"/> with the given type info.</summary>
    public T? Get<T>(int index, JsonTypeInfo<T> typeInfo)
    {
        var reader = ReaderAt(index);
        return JsonSerializer.Deserialize(ref reader, typeInfo);
    }

    /// <summary>Reads the argument at <paramref name="index"/> as <typeparamref name="T"/> through the configured resolvers; binary arrives as <c>byte[]</c>.</summary>
    public T? Get<T>(int index)
    {
        if (typeof(T) == typeof(byte[]))
        {
            return (T)(object)GetBytes(index).ToArray();
        }

        if (typeof(T) == typeof(ReadOnlyMemory<byte>))
        {
            return (T)(object)GetBytes(index);
        }

        return Get(index, (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T)));
    }

    /// <summary>A reader over the arguments in order, for generated dispatchers.</summary>
    /// <remarks>For generated code: the generated dispatchers bind handler parameters with it. Hidden from IntelliSense; read arguments by hand with <see cref="Get{T}(int)"/> and its siblings.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Dispatch.EventArgumentReader CreateReader() => new(this, _payload.Span, Options.MaxDepth);

    /// <summary>Returns attachment <paramref name="num"/> as it arrived.</summary>
    public ReadOnlyMemory<byte> GetAttachment(int num) => _attachments![num];

    /// <summary>The arguments as a JSON array, for logs and tests (binary stays a placeholder).</summary>
    public override string ToString()
    {
        var parts = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            parts[i] = System.Text.Encoding.UTF8.GetString(GetRawJson(i).Span);
        }

        return "[" + string.Join(",", parts) + "]";
    }

    /// <summary>Where argument <paramref name="index"/> starts in the payload; the caller checks the index.</summary>
    internal int StartOf(int index) => _offsets[index].Start;

    /// <summary>Returns a reader over argument <paramref name="index"/> alone, positioned on its first token.</summary>
    internal Utf8JsonReader ReaderAt(int index)
    {
        var reader = new Utf8JsonReader(GetRawJson(index).Span, new JsonReaderOptions { MaxDepth = Options.MaxDepth });
        reader.Read();
        return reader;
    }
}
