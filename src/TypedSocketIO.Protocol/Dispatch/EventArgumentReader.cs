using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Dispatch;

/// <summary>
/// Reads an event's arguments in order, straight from their UTF-8 JSON: the primitives by hand,
/// everything else with its <see cref="JsonTypeInfo{T}"/>. Generated dispatchers bind handler
/// parameters with it. A value of the wrong JSON type throws <see cref="ArgumentBindingException"/>.
/// It reads forward through the payload once; the decoder has validated it and located the arguments.
/// </summary>
/// <remarks>For generated code: the generated dispatchers bind handler parameters with it. Hidden from IntelliSense; read arguments by hand with <see cref="EventArguments.Get{T}(int)"/> and its siblings.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct EventArgumentReader
{
    private readonly EventArguments _arguments;
    private Utf8JsonReader _json;
    private int _index;

    internal EventArgumentReader(EventArguments arguments, ReadOnlySpan<byte> payload, int maxDepth)
    {
        _arguments = arguments;
        _json = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = maxDepth });
        if (arguments.Count > 0)
        {
            _json.Read(); // [
        }
    }

    /// <summary>Whether another argument follows.</summary>
    public readonly bool HasNext => _index < _arguments.Count;

    /// <summary>The zero-based index of the next argument.</summary>
    public readonly int Index => _index;

    /// <summary>Reads a string (JSON null reads as null).</summary>
    public string? ReadString()
    {
        Next("a string");
        return _json.TokenType switch
        {
            JsonTokenType.String => GetString(),
            JsonTokenType.Null => null,
            _ => throw Mismatch("a string"),
        };
    }

    /// <summary>Reads a string that may not be null.</summary>
    public string ReadNonNullString()
    {
        Next("a string");
        return _json.TokenType == JsonTokenType.String ? GetString() : throw Mismatch("a string");
    }

    /// <summary>Reads an argument that may not be null with its type info.</summary>
    public T ReadNonNull<T>(JsonTypeInfo<T> typeInfo) =>
        Read(typeInfo) ?? throw new ArgumentBindingException(_index - 1, typeof(T).Name, "null");

    private string GetString()
    {
        try
        {
            return _json.GetString()!;
        }
        catch (InvalidOperationException exception)
        {
            // Escapes that do not form valid UTF-16, such as a lone surrogate.
            throw new ArgumentBindingException(_index - 1, "a string", "an invalid string", exception);
        }
    }

    /// <summary>Reads a 32-bit integer.</summary>
    public int ReadInt32()
    {
        Next("an integer");
        return _json.TokenType == JsonTokenType.Number && _json.TryGetInt32(out var value) ? value : throw Mismatch("a 32-bit integer");
    }

    /// <summary>Reads a 64-bit integer.</summary>
    public long ReadInt64()
    {
        Next("an integer");
        return _json.TokenType == JsonTokenType.Number && _json.TryGetInt64(out var value) ? value : throw Mismatch("a 64-bit integer");
    }

    /// <summary>Reads a number as a double.</summary>
    public double ReadDouble()
    {
        Next("a number");
        return _json.TokenType == JsonTokenType.Number && _json.TryGetDouble(out var value) ? value : throw Mismatch("a number");
    }

    /// <summary>Reads a boolean.</summary>
    public bool ReadBoolean()
    {
        Next("a boolean");
        return _json.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw Mismatch("a boolean"),
        };
    }

    /// <summary>Reads a binary argument (an attachment) as a fresh array.</summary>
    public byte[] ReadBytes() => ReadMemory().ToArray();

    /// <summary>Reads a binary argument as a fresh array, or null for JSON null.</summary>
    public byte[]? ReadBytesOrNull()
    {
        Next("binary data");
        return _json.TokenType == JsonTokenType.Null ? null : CurrentAttachment().ToArray();
    }

    /// <summary>Reads a binary argument (an attachment) without copying.</summary>
    public ReadOnlyMemory<byte> ReadMemory()
    {
        Next("binary data");
        return CurrentAttachment();
    }

    private ReadOnlyMemory<byte> CurrentAttachment()
    {
        var element = JsonElement.ParseValue(ref _json);
        if (Placeholder.TryRead(element, out var num) && num < _arguments.AttachmentCount)
        {
            return _arguments.GetAttachment(num);
        }

        throw new ArgumentBindingException(_index - 1, "binary data", Describe(element.ValueKind));
    }

    /// <summary>Reads any JSON value as a <see cref="JsonElement"/>.</summary>
    public JsonElement ReadElement()
    {
        Next("a JSON value");
        return JsonElement.ParseValue(ref _json);
    }

    /// <summary>Reads an argument with its type info (from a <c>JsonSerializerContext</c> or the configured resolvers).</summary>
    public T? Read<T>(JsonTypeInfo<T> typeInfo)
    {
        Next(typeof(T).Name);
        try
        {
            return JsonSerializer.Deserialize(ref _json, typeInfo);
        }
        catch (JsonException exception)
        {
            throw new ArgumentBindingException(_index - 1, typeof(T).Name, "not convertible", exception);
        }
    }

    /// <summary>Skips the next argument.</summary>
    public void Skip()
    {
        Next("a value");
        _json.Skip();
    }

    private void Next(string expected)
    {
        if (_index >= _arguments.Count)
        {
            throw new ArgumentBindingException(_index, expected);
        }

        _json.Read();
        if (_index == 0 && _json.TokenStartIndex != _arguments.StartOf(0))
        {
            _json.Read(); // that was an event's name, a single token: the first argument follows
        }

        _index++;
    }

    private readonly ArgumentBindingException Mismatch(string expected) =>
        new(_index - 1, expected, Describe(_json.TokenType));

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => kind.ToString(),
    };
}
