using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Properties;

/// <summary>
/// Frames for one polling body. A text frame is what Engine.IO sends: a packet type digit and
/// then any bytes but the record separator (0x1e), which text cannot contain on this transport.
/// </summary>
public sealed record PollingFrames(PollingFrames.Frame[] Frames)
{
    public sealed record Frame(byte[] Data, bool IsBinary)
    {
        internal EngineFrame ToEngineFrame() => IsBinary ? EngineFrame.Binary(Data) : EngineFrame.Text(Data);

        public override string ToString() => (IsBinary ? "binary " : "text ") + Gens.Show(Data);
    }

    public override string ToString() => "[" + string.Join(", ", Frames.Select(f => f.ToString())) + "]";

    private static readonly Gen<byte> TextByte = Gens.Byte.Where(b => b != PollingPayload.Separator);

    private static readonly Gen<Frame> TextFrame =
        from digit in Gen.Choose(0, 6)
        from rest in Gen.OneOf(
            Gen.Sized(size => Gen.Choose(0, size).SelectMany(n => TextByte.ArrayOf(n))),
            Gens.Text.Select(text => Gens.Utf8(text.Replace("\u001e", string.Empty, StringComparison.Ordinal))))
        select new Frame([(byte)('0' + digit), .. rest], false);

    private static readonly Gen<Frame> BinaryFrame = Gens.Bytes.Select(bytes => new Frame(bytes, true));

    public static Arbitrary<PollingFrames> Arbitrary() => Arb.From(
        Gen.Sized(size => Gen.Choose(1, Math.Max(1, size / 8)))
            .SelectMany(n => Gen.OneOf(TextFrame, BinaryFrame).ArrayOf(n))
            .Select(frames => new PollingFrames(frames)),
        Shrink);

    private static IEnumerable<PollingFrames> Shrink(PollingFrames frames)
    {
        for (var i = 0; i < frames.Frames.Length && frames.Frames.Length > 1; i++)
        {
            yield return new PollingFrames([.. frames.Frames[..i], .. frames.Frames[(i + 1)..]]);
        }

        for (var i = 0; i < frames.Frames.Length; i++)
        {
            var frame = frames.Frames[i];
            var shorter = frame.IsBinary ? frame.Data[..(frame.Data.Length / 2)] : frame.Data[..Math.Max(1, frame.Data.Length / 2)];
            if (shorter.Length < frame.Data.Length)
            {
                var copy = (Frame[])frames.Frames.Clone();
                copy[i] = frame with { Data = shorter };
                yield return new PollingFrames(copy);
            }
        }
    }
}

/// <summary>A polling body made mostly of what the reader looks for: separators, <c>b</c>, base64, padding, whitespace.</summary>
public sealed record PollingBody(byte[] Bytes)
{
    private static readonly byte[] Alphabet =
        "bAQIDBwxyz09+/=\r\n \t2-_."u8.ToArray().Concat(new byte[] { PollingPayload.Separator, PollingPayload.Separator, 0, 0x80, 0xff }).ToArray();

    public static Arbitrary<PollingBody> Arbitrary() => Arb.From(
        Gen.Sized(size => Gen.Choose(0, size))
            .SelectMany(n => Gen.Frequency((4, Gen.Elements(Alphabet)), (1, Gens.Byte)).ArrayOf(n))
            .Select(bytes => new PollingBody(bytes)),
        body => Enumerable.Range(0, body.Bytes.Length).Select(i => new PollingBody([.. body.Bytes[..i], .. body.Bytes[(i + 1)..]])));

    public override string ToString() => Gens.Show(Bytes);
}

public static class PollingArbitraries
{
    public static Arbitrary<PollingFrames> PollingFrames() => Properties.PollingFrames.Arbitrary();

    public static Arbitrary<PollingBody> PollingBody() => Properties.PollingBody.Arbitrary();
}

/// <summary><see cref="PollingPayload"/>: what <c>Write</c> joins, <c>TryRead</c> splits back; <c>TryRead</c> never throws.</summary>
public class PollingPayloadProperties
{
    private static byte[] Write(IEnumerable<EngineFrame> frames)
    {
        var output = new ArrayBufferWriter<byte>();
        PollingPayload.Write(output, [.. frames]);
        return output.WrittenSpan.ToArray();
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(PollingArbitraries)])]
    public void Write_then_TryRead_gives_back_every_frame(PollingFrames frames)
    {
        var body = Write(frames.Frames.Select(f => f.ToEngineFrame()));

        var packets = new List<(ReadOnlyMemory<byte> Data, bool IsBinary)>();
        Assert.True(PollingPayload.TryRead(body, packets), $"refused its own body {Gens.Show(body)}");

        Assert.Equal(frames.Frames.Length, packets.Count);
        for (var i = 0; i < packets.Count; i++)
        {
            Assert.Equal(frames.Frames[i].IsBinary, packets[i].IsBinary);
            Assert.Equal(frames.Frames[i].Data, packets[i].Data.ToArray());
        }
    }

    [Property(MaxTest = 1000)]
    public void TryRead_on_random_bytes_does_not_throw(byte[] body)
    {
        PollingPayload.TryRead(body ?? [], []);
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(PollingArbitraries)])]
    public void TryRead_on_bodies_in_its_own_alphabet_does_not_throw_and_rereads_the_same(PollingBody body)
    {
        var packets = new List<(ReadOnlyMemory<byte> Data, bool IsBinary)>();
        if (!PollingPayload.TryRead(body.Bytes, packets))
        {
            return;
        }

        // What was read, written again, reads back the same (base64 comes back canonical).
        var again = new List<(ReadOnlyMemory<byte> Data, bool IsBinary)>();
        Assert.True(PollingPayload.TryRead(Write(packets.Select(p => p.IsBinary ? EngineFrame.Binary(p.Data) : EngineFrame.Text(p.Data))), again));
        Assert.Equal(packets.Count, again.Count);
        for (var i = 0; i < packets.Count; i++)
        {
            Assert.Equal(packets[i].IsBinary, again[i].IsBinary);
            Assert.Equal(packets[i].Data.ToArray(), again[i].Data.ToArray());
        }
    }
}
