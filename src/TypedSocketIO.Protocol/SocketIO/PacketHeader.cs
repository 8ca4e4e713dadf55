using System.Buffers.Text;
using System.Text;

namespace TypedSocketIO.Protocol;

/// <summary>Writes the text header of a Socket.IO packet in front of its payload, as one Engine.IO message frame.</summary>
internal static class PacketHeader
{
    /// <summary>
    /// Returns <c>4</c> + type + <c>N-</c> (binary) + <c>/nsp,</c> (not the main namespace) + ack id + payload.
    /// </summary>
    public static byte[] Encode(SocketIOPacketType type, string namespacePath, long ackId, int attachments, ReadOnlySpan<byte> payload)
    {
        var nspBytes = namespacePath == "/" ? 0 : Encoding.UTF8.GetByteCount(namespacePath) + 1;
        var length = 2 + nspBytes + payload.Length
            + (attachments > 0 ? DigitCount(attachments) + 1 : 0)
            + (ackId >= 0 ? DigitCount(ackId) : 0);

        var frame = new byte[length];
        var span = frame.AsSpan();
        span[0] = (byte)'4';
        span[1] = (byte)('0' + (int)type);
        var position = 2;

        if (attachments > 0)
        {
            Utf8Formatter.TryFormat(attachments, span[position..], out var written);
            position += written;
            span[position++] = (byte)'-';
        }

        if (nspBytes > 0)
        {
            position += Encoding.UTF8.GetBytes(namespacePath, span[position..]);
            span[position++] = (byte)',';
        }

        if (ackId >= 0)
        {
            Utf8Formatter.TryFormat(ackId, span[position..], out var written);
            position += written;
        }

        payload.CopyTo(span[position..]);
        return frame;
    }

    private static int DigitCount(long value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
