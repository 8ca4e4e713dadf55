using System.Buffers.Binary;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>A server frame's header as RFC 6455 lays it out (section 5.2).</summary>
internal readonly record struct RawFrameHeader(bool Fin, int Rsv, byte Opcode, bool Masked, long PayloadLength, int HeaderLength);

/// <summary>
/// RFC 6455 framing written out by hand for the tests, independent of the server's code: client
/// frames (masked, or not when a test wants a broken one) and the parsing of server frames.
/// </summary>
internal static class RawWebSocketFrames
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    /// <summary>
    /// A frame header: <paramref name="rsv"/> holds the three RSV bits (RSV1 = 4), the length in its
    /// shortest form, then the masking key when <paramref name="mask"/> is given.
    /// </summary>
    public static byte[] Header(bool fin, byte opcode, long length, byte[]? mask, int rsv = 0)
    {
        var bytes = new List<byte> { (byte)((fin ? 0x80 : 0) | (rsv << 4) | opcode) };
        var maskBit = mask is null ? 0 : 0x80;
        if (length <= 125)
        {
            bytes.Add((byte)(maskBit | (int)length));
        }
        else if (length <= ushort.MaxValue)
        {
            bytes.Add((byte)(maskBit | 126));
            bytes.Add((byte)(length >> 8));
            bytes.Add((byte)length);
        }
        else
        {
            bytes.Add((byte)(maskBit | 127));
            for (var shift = 56; shift >= 0; shift -= 8)
            {
                bytes.Add((byte)((ulong)length >> shift));
            }
        }

        if (mask is not null)
        {
            bytes.AddRange(mask);
        }

        return [.. bytes];
    }

    /// <summary>A whole client frame, its payload masked with <paramref name="mask"/> (or sent in clear when it is null).</summary>
    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload, byte[]? mask, bool fin = true, int rsv = 0)
    {
        var header = Header(fin, opcode, payload.Length, mask, rsv);
        var frame = new byte[header.Length + payload.Length];
        header.CopyTo(frame, 0);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[header.Length + i] = mask is null ? payload[i] : (byte)(payload[i] ^ mask[i % 4]);
        }

        return frame;
    }

    /// <summary>A masked client frame with a fixed, non-trivial key.</summary>
    public static byte[] Masked(byte opcode, ReadOnlySpan<byte> payload, bool fin = true) =>
        Frame(opcode, payload, [0x37, 0xfa, 0x21, 0x3d], fin);

    /// <summary>A close frame's payload: the status code, big-endian.</summary>
    public static byte[] CloseStatus(ushort status)
    {
        var payload = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(payload, status);
        return payload;
    }

    /// <summary>Reads a frame header at the start of <paramref name="bytes"/>; false when more bytes are needed.</summary>
    public static bool TryParseHeader(ReadOnlySpan<byte> bytes, out RawFrameHeader header)
    {
        header = default;
        if (bytes.Length < 2)
        {
            return false;
        }

        var masked = (bytes[1] & 0x80) != 0;
        long length = bytes[1] & 0x7F;
        var offset = 2;
        if (length == 126)
        {
            if (bytes.Length < 4)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
            offset = 4;
        }
        else if (length == 127)
        {
            if (bytes.Length < 10)
            {
                return false;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]);
            offset = 10;
        }

        if (masked)
        {
            offset += 4;
        }

        if (bytes.Length < offset)
        {
            return false;
        }

        header = new RawFrameHeader((bytes[0] & 0x80) != 0, (bytes[0] >> 4) & 0x7, (byte)(bytes[0] & 0x0F), masked, length, offset);
        return true;
    }
}
