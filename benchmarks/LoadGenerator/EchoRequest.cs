using System.Buffers.Text;

namespace TypedSocketIO.Benchmarks.Load;

/// <summary>The echo request both transports send: <c>42&lt;id&gt;["echo",&lt;payload&gt;]</c>, formatted on the stack.</summary>
internal static class EchoRequest
{
    /// <summary>Room for the request around a payload of <paramref name="quotedPayloadLength"/> bytes.</summary>
    public static int MaxLength(int quotedPayloadLength) => 32 + quotedPayloadLength;

    /// <summary>Writes the request into <paramref name="destination"/>; returns its length.</summary>
    public static int Write(Span<byte> destination, long id, ReadOnlySpan<byte> quotedPayload)
    {
        "42"u8.CopyTo(destination);
        Utf8Formatter.TryFormat(id, destination[2..], out var digits);
        var position = 2 + digits;
        "[\"echo\","u8.CopyTo(destination[position..]);
        position += 8;
        quotedPayload.CopyTo(destination[position..]);
        position += quotedPayload.Length;
        destination[position++] = (byte)']';
        return position;
    }
}
