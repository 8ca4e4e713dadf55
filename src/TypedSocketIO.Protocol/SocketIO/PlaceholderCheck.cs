using System.Buffers;
using System.Text.Json;

namespace TypedSocketIO.Protocol;

/// <summary>
/// Checks the placeholders of a binary packet while the decoder walks its arguments, as Node's
/// parser does when it puts the attachments back ("illegal attachments"): every object whose
/// <c>_placeholder</c> is <c>true</c> names in <c>num</c> one of the packet's attachments, no
/// attachment is named twice, and none is left unnamed. Readers of the arguments, and the clients
/// they are relayed to, can then trust every placeholder number.
/// A mutable struct on pooled buffers: keep it in a local and call <see cref="Dispose"/> in a <c>finally</c>.
/// </summary>
internal struct PlaceholderCheck
{
    private readonly int _attachments;
    private bool[]? _referenced; // one flag per attachment
    private OpenObject[]? _open; // the objects still open, innermost last
    private int _depth;

    /// <param name="attachments">The attachments the packet declared.</param>
    /// <param name="maxDepth">The reader's depth limit: no more objects than that are ever open at once.</param>
    public PlaceholderCheck(int attachments, int maxDepth)
    {
        _attachments = attachments;
        _referenced = ArrayPool<bool>.Shared.Rent(attachments);
        Array.Clear(_referenced, 0, attachments);
        _open = ArrayPool<OpenObject>.Shared.Rent(maxDepth);
    }

    private readonly Span<bool> Referenced => _referenced.AsSpan(0, _attachments);

    /// <summary>Walks the value the reader is on and leaves the reader on its last token, as <see cref="Utf8JsonReader.Skip"/> does.</summary>
    public void Walk(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return; // a string, number or literal holds no placeholder
        }

        var depth = reader.CurrentDepth;
        while (true)
        {
            Visit(ref reader);
            if (reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                return;
            }

            if (!reader.Read())
            {
                throw new ProtocolException("truncated JSON");
            }
        }
    }

    /// <summary>Throws unless every attachment was named by a placeholder; call after the last argument.</summary>
    public readonly void EnsureEveryAttachmentNamed()
    {
        if (Referenced.Contains(false))
        {
            throw new ProtocolException("illegal attachments");
        }
    }

    private void Visit(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                Name(ref reader);
                break;
            case JsonTokenType.EndObject:
                Close(_open![--_depth]);
                break;
            case JsonTokenType.EndArray:
                break;
            case JsonTokenType.StartObject:
                Value(ref reader);
                if (_depth == _open!.Length)
                {
                    throw new ProtocolException("JSON nested too deeply");
                }

                _open[_depth++] = default;
                break;
            default: // an array's start, or a primitive
                Value(ref reader);
                break;
        }
    }

    private readonly void Name(ref Utf8JsonReader reader)
    {
        ref var open = ref _open![_depth - 1];
        open.Pending = KeyOf(ref reader);
        switch (open.Pending)
        {
            case Key.Placeholder when open.HasFlag:
            case Key.Num when open.HasNum:
                // JSON.parse keeps the last one, other readers the first: refuse the ambiguity.
                throw new ProtocolException("illegal attachments");
            case Key.Placeholder:
                open.HasFlag = true;
                break;
            case Key.Num:
                open.HasNum = true;
                break;
        }
    }

    /// <summary>A value starts: if it is the value of a placeholder key, the enclosing object records it.</summary>
    private readonly void Value(ref Utf8JsonReader reader)
    {
        if (_depth == 0)
        {
            return;
        }

        ref var open = ref _open![_depth - 1];
        switch (open.Pending)
        {
            case Key.Placeholder:
                open.IsPlaceholder = reader.TokenType == JsonTokenType.True;
                break;
            case Key.Num:
                open.Num = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var num) ? num : -1;
                break;
        }

        open.Pending = Key.Other;
    }

    private readonly void Close(OpenObject closed)
    {
        if (!closed.IsPlaceholder)
        {
            return;
        }

        var referenced = Referenced;
        if (!closed.HasNum || (uint)closed.Num >= (uint)referenced.Length || referenced[closed.Num])
        {
            throw new ProtocolException("illegal attachments");
        }

        referenced[closed.Num] = true;
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        if (_referenced is not null)
        {
            ArrayPool<bool>.Shared.Return(_referenced);
            _referenced = null;
        }

        if (_open is not null)
        {
            ArrayPool<OpenObject>.Shared.Return(_open);
            _open = null;
        }
    }

    private static Key KeyOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.ValueTextEquals(Placeholder.FlagName) ? Key.Placeholder
                : reader.ValueTextEquals(Placeholder.NumName) ? Key.Num
                : Key.Other;
        }
        catch (InvalidOperationException)
        {
            return Key.Other; // a name escaping a lone surrogate is neither
        }
    }

    /// <summary>The object keys the check looks for.</summary>
    internal enum Key : byte
    {
        Other,
        Placeholder,
        Num,
    }

    /// <summary>What one object still open has shown of the placeholder keys.</summary>
    internal struct OpenObject
    {
        public bool HasFlag;
        public bool IsPlaceholder;
        public bool HasNum;
        public int Num;
        public Key Pending;
    }
}
