namespace TypedSocketIO.Protocol;

/// <summary>
/// One Engine.IO packet ready for a transport. A text frame holds the type digit followed by
/// its data (<c>4...</c> for a message); a binary frame holds the raw bytes of a binary message.
/// The bytes may be shared by many sessions (a broadcast is encoded once), so nobody writes to them.
/// </summary>
internal readonly record struct EngineFrame(ReadOnlyMemory<byte> Data, bool IsBinary)
{
    public static readonly EngineFrame Ping = Text("2"u8.ToArray());
    public static readonly EngineFrame Pong = Text("3"u8.ToArray());
    public static readonly EngineFrame Noop = Text("6"u8.ToArray());
    public static readonly EngineFrame Close = Text("1"u8.ToArray());

    public static EngineFrame Text(ReadOnlyMemory<byte> utf8WithType) => new(utf8WithType, false);

    public static EngineFrame Binary(ReadOnlyMemory<byte> bytes) => new(bytes, true);

    /// <summary>Builds a text message frame (<c>4</c> + <paramref name="utf8"/>).</summary>
    public static EngineFrame Message(ReadOnlySpan<byte> utf8)
    {
        var bytes = new byte[utf8.Length + 1];
        bytes[0] = (byte)'4';
        utf8.CopyTo(bytes.AsSpan(1));
        return new EngineFrame(bytes, false);
    }
}
