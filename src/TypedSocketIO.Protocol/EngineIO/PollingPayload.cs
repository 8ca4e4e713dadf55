using System.Buffers;
using System.Buffers.Text;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>The long-polling body format: packets separated by <c>\x1e</c>, binary as <c>b</c> + base64.</summary>
internal static class PollingPayload
{
    public const byte Separator = 0x1e;

    /// <summary>Writes the frames as one polling body.</summary>
    public static void Write(IBufferWriter<byte> output, List<EngineFrame> frames)
    {
        for (var i = 0; i < frames.Count; i++)
        {
            if (i > 0)
            {
                output.GetSpan(1)[0] = Separator;
                output.Advance(1);
            }

            var frame = frames[i];
            if (frame.IsBinary)
            {
                var length = Base64.GetMaxEncodedToUtf8Length(frame.Data.Length) + 1;
                var span = output.GetSpan(length);
                span[0] = (byte)'b';
                Base64.EncodeToUtf8(frame.Data.Span, span[1..], out _, out var written);
                output.Advance(written + 1);
            }
            else
            {
                output.Write(frame.Data.Span);
            }
        }
    }

    /// <summary>Splits a body into packets; binary packets come back decoded. Returns false on an empty packet or malformed base64.</summary>
    public static bool TryRead(ReadOnlyMemory<byte> body, List<(ReadOnlyMemory<byte> Data, bool IsBinary)> packets)
    {
        var rest = body;
        while (true)
        {
            var separator = rest.Span.IndexOf(Separator);
            var packet = separator < 0 ? rest : rest[..separator];
            if (packet.IsEmpty)
            {
                return false; // no packet is empty: a body of bare separators is not a payload
            }

            if (packet.Span[0] == (byte)'b')
            {
                var encoded = packet[1..].Span;
                var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
                if (Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) != OperationStatus.Done)
                {
                    return false;
                }

                packets.Add((decoded.AsMemory(0, written), true));
            }
            else
            {
                packets.Add((packet, false));
            }

            if (separator < 0)
            {
                return true;
            }

            rest = rest[(separator + 1)..];
        }
    }
}
