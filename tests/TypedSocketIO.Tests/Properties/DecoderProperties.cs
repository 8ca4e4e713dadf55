using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Properties;

/// <summary>One edit of a packet's bytes; positions wrap around the current length.</summary>
public sealed record Mutation(Mutation.Kind What, int Position, byte Value, int Length)
{
    public enum Kind
    {
        FlipBit,
        Replace,
        Insert,
        Delete,
        DeleteRange,
        Duplicate,
    }

    /// <summary>Bytes that mean something to the decoder or to UTF-8, weighted up among random ones.</summary>
    private static readonly byte[] Interesting =
        "0123456789-/,[]{}\":\\ntrufalse.eE+ ubd"u8.ToArray().Concat(new byte[] { 0, 0x1e, 0x7f, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xf8, 0xff }).ToArray();

    public static readonly Gen<Mutation> Generator =
        from kind in Gen.Elements(Enum.GetValues<Kind>())
        from position in Gen.Choose(0, int.MaxValue)
        from value in Gen.Frequency((1, Gens.Byte), (2, Gen.Elements(Interesting)))
        from length in Gen.Choose(1, 8)
        select new Mutation(kind, position, value, length);

    public byte[] Apply(byte[] input)
    {
        var bytes = new List<byte>(input);
        var at = bytes.Count == 0 ? 0 : Position % bytes.Count;
        switch (What)
        {
            case Kind.FlipBit when bytes.Count > 0:
                bytes[at] ^= (byte)(1 << (Value % 8));
                break;
            case Kind.Replace when bytes.Count > 0:
                bytes[at] = Value;
                break;
            case Kind.Insert:
                bytes.Insert(Position % (bytes.Count + 1), Value);
                break;
            case Kind.Delete when bytes.Count > 0:
                bytes.RemoveAt(at);
                break;
            case Kind.DeleteRange when bytes.Count > 0:
                bytes.RemoveRange(at, Math.Min(Length, bytes.Count - at));
                break;
            case Kind.Duplicate when bytes.Count > 0:
                bytes.InsertRange(at, bytes.GetRange(at, Math.Min(Length, bytes.Count - at)));
                break;
        }

        return [.. bytes];
    }
}

/// <summary>A valid packet and some edits of it.</summary>
public sealed record MutatedPacket(ValidPacket Original, Mutation[] Mutations)
{
    public byte[] Bytes => Mutations.Aggregate(Original.Bytes, (bytes, mutation) => mutation.Apply(bytes));

    public override string ToString() =>
        $"{Gens.Show(Encoding.UTF8.GetBytes(Original.Text))} after [{string.Join(", ", Mutations.Select(m => m.ToString()))}] = {Gens.Show(Bytes)}";

    public static Arbitrary<MutatedPacket> Arbitrary() => Arb.From(
        from original in ValidPacket.Generator
        from count in Gen.Choose(1, 4)
        from mutations in Mutation.Generator.ArrayOf(count)
        select new MutatedPacket(original, mutations),
        Shrink);

    private static IEnumerable<MutatedPacket> Shrink(MutatedPacket packet)
    {
        for (var i = 0; i < packet.Mutations.Length && packet.Mutations.Length > 1; i++)
        {
            yield return packet with { Mutations = [.. packet.Mutations[..i], .. packet.Mutations[(i + 1)..]] };
        }

        foreach (var original in ValidPacket.Shrink(packet.Original))
        {
            yield return packet with { Original = original };
        }
    }
}

/// <summary>Text in the decoder's own alphabet: a type digit, then header and JSON fragments in any order.</summary>
public sealed record PacketSoup(string Text)
{
    private static readonly Gen<string> Token = Gen.Frequency(
        (6, Gen.Elements(
            "0", "1", "2", "5", "9", "10", "9007199254740991", "9007199254740992", "99999999999999999999", "-", "/", "/chat", ",",
            "[", "]", "{", "}", "\"", "\"e\"", ":", ",", " ", "\t", "\n", "true", "false", "null", "-0", "1e400", "0.5", "01", ".",
            "\\", "\\\"", "\\u", "\\ud800", "\\udc00", "\\u0041", "\\n", "\\x", "{\"_placeholder\":true,\"num\":0}", "\"message\"",
            "é", "😀", "\u2028", "\0", "\u001e", "/*", "*/", "NaN", "Infinity", "'")),
        (1, Gens.Text));

    public static Arbitrary<PacketSoup> Arbitrary() => Arb.From(
        from type in Gen.Frequency((8, Gen.Choose(0, 6).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, Gens.Text))
        from tokens in Gen.Sized(size => Gen.Choose(0, 1 + size / 4).SelectMany(n => Token.ListOf(n)))
        select new PacketSoup(type + string.Concat(tokens)),
        soup => JsonModel.ShrinkString(soup.Text).Select(text => new PacketSoup(text)));

    public override string ToString() => Gens.Show(Encoding.UTF8.GetBytes(Text));
}

/// <summary>Arbitrary UTF-16 text, lone surrogates included.</summary>
public sealed record UnicodeText(string Value)
{
    public static Arbitrary<UnicodeText> Arbitrary() => Arb.From(
        Gens.AnyText.Select(text => new UnicodeText(text)),
        text => JsonModel.ShrinkString(text.Value).Select(shorter => new UnicodeText(shorter)));

    public override string ToString() => Gens.Show(Encoding.UTF8.GetBytes(Value));
}

/// <summary>The Arbitraries the decoder properties draw from.</summary>
public static class DecoderArbitraries
{
    public static Arbitrary<ValidPacket> ValidPacket() => Properties.ValidPacket.Arbitrary();

    public static Arbitrary<MutatedPacket> MutatedPacket() => Properties.MutatedPacket.Arbitrary();

    public static Arbitrary<PacketSoup> PacketSoup() => Properties.PacketSoup.Arbitrary();

    public static Arbitrary<UnicodeText> UnicodeText() => Properties.UnicodeText.Arbitrary();
}

/// <summary>
/// <see cref="SocketIOPacketDecoder.Decode"/> is total: on any input it returns a packet that keeps
/// its promises (see <see cref="DecoderOracle"/>) or throws <see cref="ProtocolException"/>, never
/// another exception, and answers in bounded time.
/// </summary>
public class DecoderProperties
{
    [Property(MaxTest = 1000)]
    public void Decoding_random_bytes_returns_or_throws_ProtocolException(byte[] bytes)
    {
        DecoderOracle.AcceptsWithinTimeLimit(bytes ?? []);
    }

    [Property(MaxTest = 500)]
    public void Decoding_random_bytes_behind_a_type_digit_returns_or_throws_ProtocolException(byte[] bytes, byte digit)
    {
        DecoderOracle.AcceptsWithinTimeLimit([(byte)('0' + digit % 7), .. bytes ?? []]);
    }

    [Property(MaxTest = 500)]
    public void Decoding_random_strings_returns_or_throws_ProtocolException(string text)
    {
        DecoderOracle.AcceptsWithinTimeLimit(Gens.Utf8(text ?? string.Empty));
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(DecoderArbitraries)])]
    public void Decoding_random_unicode_text_returns_or_throws_ProtocolException(UnicodeText text)
    {
        DecoderOracle.AcceptsWithinTimeLimit(Gens.Utf8(text.Value));
        DecoderOracle.AcceptsWithinTimeLimit(Gens.Utf8("2[\"" + text.Value + "\"]"));
        DecoderOracle.AcceptsWithinTimeLimit(Gens.Utf8("2[\"e\"," + text.Value + "]"));
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(DecoderArbitraries)])]
    public Property Decoding_text_in_the_protocol_alphabet_returns_or_throws_ProtocolException(PacketSoup soup)
    {
        var bytes = Gens.Utf8(soup.Text);
        var accepted = DecoderOracle.AcceptsWithinTimeLimit(bytes);
        DecoderOracle.AcceptsWithinTimeLimit(bytes, maxAttachments: 0, maxDepth: 1);
        return true.Classify(accepted, "accepted").Classify(!accepted, "rejected");
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(DecoderArbitraries)])]
    public void Decodes_a_valid_packet_of_any_type_with_its_header(ValidPacket packet)
    {
        var bytes = packet.Bytes;
        var decoded = SocketIOPacketDecoder.Decode(bytes);

        Assert.True(DecoderOracle.Accepts(bytes));
        Assert.Equal(packet.Type, decoded.Type);
        Assert.Equal(packet.Namespace, Encoding.UTF8.GetString(decoded.Namespace.Span));
        Assert.Equal(packet.AckId, decoded.AckId);
        var binary = packet.Type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck;
        Assert.Equal(binary ? packet.Attachments : 0, decoded.AttachmentCount);
        if (decoded.IsEvent)
        {
            var expectedName = packet.EventName is JsonModel.Str s ? s.Value : packet.EventName!.ToJson();
            Assert.Equal(expectedName, Encoding.UTF8.GetString(decoded.EventName.Span));
        }

        if (decoded.IsEvent || decoded.IsAck)
        {
            Assert.Equal(packet.Arguments.Length, decoded.ArgumentCount);
        }
    }

    [Property(MaxTest = 300, EndSize = 40, Arbitrary = [typeof(DecoderArbitraries)])]
    public void Decoding_every_prefix_of_a_valid_packet_returns_or_throws_ProtocolException(ValidPacket packet)
    {
        var bytes = packet.Bytes;
        var accepted = DecoderOracle.WithinTimeLimit(
            () =>
            {
                var count = 0;
                for (var length = 0; length <= bytes.Length; length++)
                {
                    count += DecoderOracle.Accepts(bytes[..length]) ? 1 : 0;
                }

                return count;
            },
            () => "the prefixes of " + packet.Text);

        // The whole packet is accepted; prefixes may be too (a shorter number is a number).
        Assert.True(accepted >= 1);
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(DecoderArbitraries)])]
    public Property Decoding_a_mutated_valid_packet_returns_or_throws_ProtocolException(MutatedPacket packet)
    {
        var bytes = packet.Bytes;
        var accepted = DecoderOracle.AcceptsWithinTimeLimit(bytes);
        DecoderOracle.AcceptsWithinTimeLimit(bytes, maxAttachments: 3, maxDepth: 3);
        return true.Classify(accepted, "accepted").Classify(!accepted, "rejected");
    }

    [Property(MaxTest = 300)]
    public void Decoding_deeply_nested_json_returns_or_throws_ProtocolException(PositiveInt depth, bool objects, byte maxDepth)
    {
        var nesting = depth.Get % 200;
        var inner = objects ? Wire(nesting, "{\"a\":", "}") : Wire(nesting, "[", "]");
        var limit = 1 + maxDepth % 64;

        var accepted = DecoderOracle.AcceptsWithinTimeLimit(Gens.Utf8("2[\"e\"," + inner + "]"), maxDepth: limit);

        // The event array is one level: its arguments may nest limit − 1 more.
        Assert.Equal(nesting + 1 <= limit, accepted);
    }

    private static string Wire(int depth, string open, string close) =>
        string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
}
