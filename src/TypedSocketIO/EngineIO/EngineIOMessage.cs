using System.Text;

namespace TypedSocketIO.EngineIO;

/// <summary>One message received from a client: UTF-8 text or raw bytes. The connection hands over the bytes; the receiver may keep them.</summary>
public readonly struct EngineIOMessage
{
    internal EngineIOMessage(ReadOnlyMemory<byte> data, bool isBinary)
    {
        Data = data;
        IsBinary = isBinary;
    }

    /// <summary>The message's bytes (UTF-8 for text).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Whether the message is binary.</summary>
    public bool IsBinary { get; }

    /// <summary>The message as a string (text messages).</summary>
    public string Text => Encoding.UTF8.GetString(Data.Span);
}
