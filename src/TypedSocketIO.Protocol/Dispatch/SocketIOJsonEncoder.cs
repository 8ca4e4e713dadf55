using System.Text;
using System.Text.Encodings.Web;

namespace TypedSocketIO.Dispatch;

/// <summary>
/// The JSON encoder of every packet: <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>
/// (which escapes only what JSON itself requires, control characters, quotes and backslashes,
/// and the JavaScript line terminators U+2028 and U+2029), except that characters outside the
/// Basic Multilingual Plane go out as raw UTF-8 too. The relaxed encoder writes each of them
/// as a <c>\uD83D\uDE00</c> pair, so a line of emoji cost three times its size on the wire.
/// Text that is not valid UTF-16 or UTF-8 is still escaped by the relaxed encoder.
/// </summary>
internal sealed class SocketIOJsonEncoder : JavaScriptEncoder
{
    public static readonly SocketIOJsonEncoder Instance = new();

    private static readonly JavaScriptEncoder Relaxed = UnsafeRelaxedJsonEscaping;

    private SocketIOJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => Relaxed.MaxOutputCharactersPerInputCharacter;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar <= 0xFFFF && Relaxed.WillEncode(unicodeScalar);

    /// <summary>The relaxed encoder's (vectorized) search, stepping over each valid supplementary character it stops at.</summary>
    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var offset = 0;
        while (true)
        {
            var found = Relaxed.FindFirstCharacterToEncodeUtf8(utf8Text[offset..]);
            if (found < 0)
            {
                return -1;
            }

            offset += found;
            if (Rune.DecodeFromUtf8(utf8Text[offset..], out var rune, out var length) != System.Buffers.OperationStatus.Done
                || rune.Value <= 0xFFFF)
            {
                return offset; // not UTF-8, or a character of the BMP the relaxed encoder escapes
            }

            offset += length; // a supplementary character: written as it is
        }
    }

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) =>
        FindFirstCharacterToEncode(new ReadOnlySpan<char>(text, textLength));

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        Relaxed.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);

    private static unsafe int FindFirstCharacterToEncode(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            int found;
            fixed (char* rest = text[offset..])
            {
                found = Relaxed.FindFirstCharacterToEncode(rest, text.Length - offset);
            }

            if (found < 0)
            {
                return -1;
            }

            offset += found;
            if (offset + 1 < text.Length && char.IsHighSurrogate(text[offset]) && char.IsLowSurrogate(text[offset + 1]))
            {
                offset += 2; // a valid surrogate pair: written as the UTF-8 of its character
                continue;
            }

            return offset;
        }
    }
}
