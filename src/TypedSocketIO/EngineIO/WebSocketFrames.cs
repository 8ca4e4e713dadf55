using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace TypedSocketIO.EngineIO;

/// <summary>The frame opcodes of RFC 6455.</summary>
internal enum WebSocketOpcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

/// <summary>What reading a frame header found.</summary>
internal enum FrameHeaderStatus
{
    Complete,
    NeedMoreData,
    ProtocolError,
}

/// <summary>A client frame's header: its flags, its masking key (in wire order) and where its payload starts.</summary>
internal readonly record struct WebSocketFrameHeader(bool Fin, WebSocketOpcode Opcode, long PayloadLength, uint Mask, int HeaderLength)
{
    public bool IsControl => ((byte)Opcode & 0x8) != 0;
}

/// <summary>
/// RFC 6455 framing for a server: reads client frames (which must be masked) and writes
/// unmasked, unfragmented server frames. No extension is ever negotiated, so every RSV bit must be 0.
/// </summary>
internal static class WebSocketFrames
{
    /// <summary>The longest header a frame can have: 2 bytes, an 8-byte length, a 4-byte mask.</summary>
    public const int MaxHeaderLength = 14;

    /// <summary>The longest header of a server frame (unmasked).</summary>
    public const int MaxServerHeaderLength = 10;

    /// <summary>Control frames carry at most this many bytes.</summary>
    public const int MaxControlPayload = 125;

    /// <summary>Reads the header at the start of <paramref name="buffer"/>.</summary>
    public static FrameHeaderStatus TryReadHeader(in ReadOnlySequence<byte> buffer, out WebSocketFrameHeader header)
    {
        header = default;
        if (buffer.Length < 2)
        {
            return FrameHeaderStatus.NeedMoreData;
        }

        Span<byte> bytes = stackalloc byte[MaxHeaderLength];
        var available = (int)Math.Min(buffer.Length, MaxHeaderLength);
        buffer.Slice(0, available).CopyTo(bytes);
        bytes = bytes[..available];

        var fin = (bytes[0] & 0x80) != 0;
        var opcode = (WebSocketOpcode)(bytes[0] & 0x0F);
        var masked = (bytes[1] & 0x80) != 0;
        if ((bytes[0] & 0x70) != 0 || !masked || !IsKnown(opcode))
        {
            return FrameHeaderStatus.ProtocolError; // RSV bits without an extension, an unmasked client frame, a reserved opcode
        }

        long length = bytes[1] & 0x7F;
        var offset = 2;
        if (length == 126)
        {
            if (available < 4)
            {
                return FrameHeaderStatus.NeedMoreData;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
            offset = 4;
        }
        else if (length == 127)
        {
            if (available < 10)
            {
                return FrameHeaderStatus.NeedMoreData;
            }

            var longLength = BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]);
            if (longLength > long.MaxValue)
            {
                return FrameHeaderStatus.ProtocolError; // the most significant bit must be 0
            }

            length = (long)longLength;
            offset = 10;
        }

        if (available < offset + 4)
        {
            return FrameHeaderStatus.NeedMoreData;
        }

        header = new WebSocketFrameHeader(fin, opcode, length, MemoryMarshal.Read<uint>(bytes[offset..]), offset + 4);
        if (header.IsControl && (!fin || length > MaxControlPayload))
        {
            return FrameHeaderStatus.ProtocolError; // control frames are never fragmented and carry at most 125 bytes
        }

        return FrameHeaderStatus.Complete;
    }

    /// <summary>Unmasks one frame's payload in place (<paramref name="mask"/> as read, in wire order).</summary>
    public static void Unmask(Span<byte> payload, uint mask)
    {
        // XOR eight bytes at a time with the key repeated; the key's bytes stay in wire order in
        // memory, so this is right whatever the machine's byte order.
        var wide = ((ulong)mask << 32) | mask;
        var words = MemoryMarshal.Cast<byte, ulong>(payload);
        for (var i = 0; i < words.Length; i++)
        {
            words[i] ^= wide;
        }

        Span<byte> key = stackalloc byte[4];
        MemoryMarshal.Write(key, in mask);
        for (var i = words.Length * 8; i < payload.Length; i++)
        {
            payload[i] ^= key[i & 3];
        }
    }

    /// <summary>Writes a final, unmasked server frame header for a payload of <paramref name="length"/> bytes; returns its size.</summary>
    public static int WriteHeader(Span<byte> destination, WebSocketOpcode opcode, int length)
    {
        destination[0] = (byte)(0x80 | (byte)opcode);
        if (length <= MaxControlPayload)
        {
            destination[1] = (byte)length;
            return 2;
        }

        if (length <= ushort.MaxValue)
        {
            destination[1] = 126;
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)length);
            return 4;
        }

        destination[1] = 127;
        BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)length);
        return 10;
    }

    /// <summary>Writes one whole server frame into <paramref name="destination"/> (room for the header and payload); returns its size.</summary>
    public static int WriteFrame(Span<byte> destination, WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        var header = WriteHeader(destination, opcode, payload.Length);
        payload.CopyTo(destination[header..]);
        return header + payload.Length;
    }

    /// <summary>Writes a close frame with <paramref name="status"/> and no reason text (4 bytes).</summary>
    public static void WriteCloseFrame(Span<byte> destination, ushort status)
    {
        Span<byte> payload = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, status);
        WriteFrame(destination, WebSocketOpcode.Close, payload);
    }

    private static bool IsKnown(WebSocketOpcode opcode) => opcode is WebSocketOpcode.Continuation or WebSocketOpcode.Text
        or WebSocketOpcode.Binary or WebSocketOpcode.Close or WebSocketOpcode.Ping or WebSocketOpcode.Pong;
}
