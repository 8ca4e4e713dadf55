using System.Text;
using FsCheck;
using FsCheck.Fluent;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Properties;

/// <summary>The generators the properties share.</summary>
internal static class Gens
{
    public static readonly Gen<byte> Byte = Gen.Choose(0, 255).Select(b => (byte)b);

    public static readonly Gen<int> AnyInt = Gen.Choose(int.MinValue, int.MaxValue);

    public static readonly Gen<long> AnyLong =
        from hi in AnyInt
        from lo in AnyInt
        select ((long)hi << 32) | (uint)lo;

    /// <summary>Longs with the edges (0, ±1, int and long limits, 2^53) weighted up.</summary>
    public static readonly Gen<long> Long = Gen.Frequency(
        (3, AnyLong),
        (2, Gen.Choose(-1000, 1000).Select(i => (long)i)),
        (1, Gen.Elements(0L, 1L, -1L, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, long.MaxValue, long.MinValue, SocketIOPacketDecoder.MaxAckId, -SocketIOPacketDecoder.MaxAckId)));

    /// <summary>An ack id in [0, 2^53 − 1], with the small ids, powers of ten and the maximum weighted up.</summary>
    public static readonly Gen<long> AckId = Gen.Frequency(
        (3, from hi in Gen.Choose(0, (1 << 21) - 1)
            from lo in AnyInt
            select ((long)hi << 32) | (uint)lo),
        (3, Gen.Choose(0, 1000).Select(i => (long)i)),
        (1, Gen.Elements(0L, 9L, 10L, 99L, 100L, 1_000_000_000L, 9_999_999_999L, SocketIOPacketDecoder.MaxAckId - 1, SocketIOPacketDecoder.MaxAckId)));

    /// <summary>An ack id or −1 (none).</summary>
    public static readonly Gen<long> OptionalAckId = Gen.Frequency((1, Gen.Constant(-1L)), (2, AckId));

    /// <summary>Finite doubles: every bit pattern (subnormals, extremes), simple fractions, and the edges.</summary>
    public static readonly Gen<double> FiniteDouble = Gen.Frequency(
        (2, AnyLong.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite)),
        (2, from n in AnyInt from d in Gen.Elements(1.0, 10.0, 1000.0, 3.0, 1e-7) select n / d),
        (1, Gen.Elements(0.0, -0.0, 0.1, 1.5, -2.5, 1e21, 1e-21, double.MaxValue, double.MinValue, double.Epsilon, 9007199254740993.0, 5e-324)));

    private static readonly Gen<string> AsciiChar = Gen.Choose(0x20, 0x7e).Select(c => ((char)c).ToString());

    /// <summary>What JSON has to escape, and what HTML-safe encoders escape besides.</summary>
    private static readonly Gen<string> SpecialChar = Gen.Elements(
        "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\0", "\u0001", "\u001e", "\u001f", "\u007f",
        "<", ">", "&", "'", "+", "`", "\u0085", "\u00a0", "\u00ad", "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff",
        ",", "[", "]", "{", "}", ":", "-", "_placeholder");

    private static readonly Gen<string> ControlChar = Gen.Choose(0, 0x1f).Select(c => ((char)c).ToString());

    private static readonly Gen<string> BmpChar = Gen.OneOf(
        Gen.Choose(0x80, 0x7ff).Select(c => ((char)c).ToString()),
        Gen.Choose(0x800, 0xd7ff).Select(c => ((char)c).ToString()),
        Gen.Choose(0xe000, 0xffff).Select(c => ((char)c).ToString()),
        Gen.Elements("é", "ñ", "ü", "ß", "中", "文", "ключ", "א", "ع", "한"));

    /// <summary>A character outside the BMP, as its surrogate pair (emoji among them).</summary>
    private static readonly Gen<string> AstralChar = Gen.OneOf(
        Gen.Choose(0x10000, 0x10ffff).Select(char.ConvertFromUtf32),
        Gen.Elements("😀", "🎉", "👍🏽", "🇫🇷", "𝄞", "🔑"));

    private static readonly Gen<string> LoneSurrogate = Gen.OneOf(
        Gen.Choose(0xd800, 0xdfff).Select(c => ((char)c).ToString()),
        Gen.Constant("\udc00\ud800"));

    private static readonly Gen<string> ValidPiece = Gen.Frequency(
        (6, AsciiChar), (2, SpecialChar), (1, ControlChar), (2, BmpChar), (2, AstralChar));

    /// <summary>Valid UTF-16 text (no lone surrogates): ASCII, escapes, BMP and astral characters.</summary>
    public static readonly Gen<string> Text = Gen.Sized(size =>
        Gen.Choose(0, Math.Max(0, size / 3))
            .SelectMany(n => ValidPiece.ListOf(n))
            .Select(pieces => string.Concat(pieces)));

    /// <summary>Any UTF-16 text, lone and reversed surrogates included.</summary>
    public static readonly Gen<string> AnyText = Gen.Sized(size =>
        Gen.Choose(0, Math.Max(0, size / 3))
            .SelectMany(n => Gen.Frequency((8, ValidPiece), (1, LoneSurrogate)).ListOf(n))
            .Select(pieces => string.Concat(pieces)));

    /// <summary>A namespace: <c>/</c>, or <c>/</c> and characters that are not a comma.</summary>
    public static readonly Gen<string> Namespace = Gen.Frequency(
        (1, Gen.Constant("/")),
        (3, Gen.Choose(1, 12)
            .SelectMany(n => Gen.Elements(
                    "a", "b", "z", "A", "Z", "0", "1", "9", "_", "-", ".", "~", "/", "é", "中", "😀", "%", "+", "@", ":", "!", "$")
                .ListOf(n))
            .Select(parts => "/" + string.Concat(parts))),
        (1, Gen.Elements("/chat", "/admin", "/a/b", "/1", "/0123", "/-", "/café", "//")));

    public static readonly Gen<byte[]> Bytes = Gen.Sized(size =>
        Gen.Frequency(
            (1, Gen.Constant(Array.Empty<byte>())),
            (6, Gen.Choose(0, size).SelectMany(n => Byte.ArrayOf(n))),
            (1, Gen.Choose(0, size).SelectMany(n => Gen.Elements<byte>(0, 1, 0x1e, (byte)'b', (byte)'=', 0x7f, 0x80, 0xff).ArrayOf(n)))));

    public static readonly Gen<JsonModel> Scalar = Gen.Frequency(
        (1, Gen.Constant<JsonModel>(JsonModel.Null.Instance)),
        (1, Gen.Elements(true, false).Select(b => (JsonModel)new JsonModel.Bool(b))),
        (2, Long.Select(l => (JsonModel)new JsonModel.Integer(l))),
        (2, FiniteDouble.Select(d => (JsonModel)new JsonModel.Real(d))),
        (4, Text.Select(s => (JsonModel)new JsonModel.Str(s))));

    /// <summary>Any JSON value, containers nested at most <paramref name="depth"/> deep.</summary>
    public static Gen<JsonModel> Json(int depth) => depth <= 0
        ? Scalar
        : Gen.Sized(size => Gen.Frequency(
            (5, Scalar),
            (1, Gen.Choose(0, Math.Min(6, 1 + size / 10))
                .SelectMany(n => Json(depth - 1).ListOf(n))
                .Select(items => (JsonModel)new JsonModel.Arr([.. items]))),
            (1, Gen.Choose(0, Math.Min(6, 1 + size / 10))
                .SelectMany(n => (from name in Gen.Frequency((3, Text), (1, Gen.Elements("_placeholder", "num", "", "a")))
                                  from value in Json(depth - 1)
                                  select (name, value)).ListOf(n))
                .Select(properties => (JsonModel)new JsonModel.Obj(
                    [.. properties.DistinctBy(p => p.name, StringComparer.Ordinal)])))));

    public static readonly Gen<JsonModel> JsonValue = Json(4);

    /// <summary>UTF-8 of a string, as a decoder sees it (lone surrogates become U+FFFD).</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Bytes printed so that a counterexample can be pasted back into a test.</summary>
    public static string Show(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder("\"");
        foreach (var b in bytes)
        {
            builder.Append(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => $"\\x{b:x2}",
            });
        }

        return builder.Append('"').ToString();
    }
}
