using System.Buffers;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;
using TypedSocketIO.Tests.Properties;

namespace TypedSocketIO.Tests.Oracle;

/// <summary>One Engine.IO packet: a type with optional text, or a binary message.</summary>
public sealed record EnginePacket(int TypeDigit, string? Data, byte[]? Binary)
{
    internal static readonly string[] TypeNames = ["open", "close", "ping", "pong", "message", "upgrade", "noop"];

    internal EngineFrame ToFrame() => Binary is not null
        ? EngineFrame.Binary(Binary)
        : TypeDigit == (int)EnginePacketType.Message
            ? EngineFrame.Message(Encoding.UTF8.GetBytes(Data ?? string.Empty))
            : EngineFrame.Text(Encoding.UTF8.GetBytes(TypeDigit + (Data ?? string.Empty)));

    public string ToOracleItem() => Binary is not null
        ? "{\"type\":\"message\",\"binary\":" + OracleJson.Base64(Binary) + "}"
        : "{\"type\":" + OracleJson.Quote(TypeNames[TypeDigit]) + (Data is null ? string.Empty : ",\"data\":" + OracleJson.Quote(Data)) + "}";

    /// <summary>The packet in the words both sides are compared in; empty text is no text, as for Node's decoder.</summary>
    public string Canon => Binary is not null ? Describe("message", null, Binary) : Describe(TypeNames[TypeDigit], string.IsNullOrEmpty(Data) ? null : Data, null);

    public override string ToString() => Canon;

    public static string Describe(string type, string? data, byte[]? binary) =>
        type + (binary is not null ? " bytes:" + Convert.ToHexString(binary) : data is not null ? " " + OracleJson.Quote(data) : string.Empty);

    /// <summary>A packet as Node's <c>decodePacket</c> / <c>decodePayload</c> answered it.</summary>
    public static string DescribeNode(JsonElement packet) => Describe(
        packet.GetProperty("type").GetString()!,
        packet.TryGetProperty("data", out var data) ? OracleJson.String(data) : null,
        packet.TryGetProperty("binary", out var binary) ? OracleJson.Bytes(binary) : null);

    /// <summary>A packet as our polling reader hands it to the connection (a text packet's first byte is its type).</summary>
    public static string DescribeOurs(ReadOnlyMemory<byte> data, bool isBinary)
    {
        if (isBinary)
        {
            return Describe("message", null, data.ToArray());
        }

        var digit = data.Span[0] - '0';
        var type = digit is >= 0 and <= 6 ? TypeNames[digit] : "error";
        return Describe(type, data.Length > 1 ? Encoding.UTF8.GetString(data.Span[1..]) : null, null);
    }

    private static readonly Gen<string> Text = Gens.Text.Select(t => t.Replace("\u001e", string.Empty, StringComparison.Ordinal));

    internal static readonly Gen<EnginePacket> Generator = Gen.Frequency(
        (4, Text.Select(t => new EnginePacket((int)EnginePacketType.Message, t, null))),
        (2, Gens.Bytes.Select(b => new EnginePacket((int)EnginePacketType.Message, null, b))),
        (2, from digit in Gen.Choose(0, 6)
            from data in Gen.Frequency((1, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("probe", "{\"sid\":\"x\"}")), (1, Text.Select(t => (string?)t)))
            select new EnginePacket(digit, data, null)));

    internal static IEnumerable<EnginePacket> Shrink(EnginePacket packet)
    {
        if (packet.Binary is { Length: > 0 } binary)
        {
            yield return packet with { Binary = binary[..(binary.Length / 2)] };
        }

        foreach (var shorter in JsonModel.ShrinkString(packet.Data ?? string.Empty))
        {
            yield return packet with { Data = shorter };
        }
    }
}

/// <summary>The packets of one polling body.</summary>
public sealed record EnginePayload(EnginePacket[] Packets)
{
    public override string ToString() => "[" + string.Join(", ", Packets.Select(p => p.ToString())) + "]";

    public string Canon => string.Join(" | ", Packets.Select(p => p.Canon));

    internal static readonly Gen<EnginePayload> Generator =
        Gen.Sized(size => Gen.Choose(1, Math.Max(1, Math.Min(8, size / 8)))).SelectMany(n => EnginePacket.Generator.ArrayOf(n)).Select(p => new EnginePayload(p));

    internal static IEnumerable<EnginePayload> Shrink(EnginePayload payload)
    {
        for (var i = 0; i < payload.Packets.Length && payload.Packets.Length > 1; i++)
        {
            yield return new EnginePayload([.. payload.Packets[..i], .. payload.Packets[(i + 1)..]]);
        }

        for (var i = 0; i < payload.Packets.Length; i++)
        {
            foreach (var smaller in EnginePacket.Shrink(payload.Packets[i]))
            {
                var packets = (EnginePacket[])payload.Packets.Clone();
                packets[i] = smaller;
                yield return new EnginePayload(packets);
            }
        }
    }
}

public static class EngineOracleArbitraries
{
    public static Arbitrary<Batch<EnginePayload>> Payloads() => Batch<EnginePayload>.Arbitrary(EnginePayload.Generator, EnginePayload.Shrink);

    public static Arbitrary<Batch<EnginePacket>> Packets() => Batch<EnginePacket>.Arbitrary(EnginePacket.Generator, EnginePacket.Shrink);
}

/// <summary>
/// Node's engine.io-parser against <see cref="PollingPayload"/> and <see cref="EngineFrame"/>, both
/// ways: polling bodies (text packets, binary as <c>b</c> + base64, separated by 0x1e) and the
/// one-packet frames of a WebSocket. Each property runs 3 batches of <see cref="Batch{T}.Size"/> cases.
/// </summary>
[Collection(ParserOracleCollection.Name)]
public sealed class EngineIOOracleTests(ParserOracle node)
{
    [Property(MaxTest = 3, Arbitrary = [typeof(EngineOracleArbitraries)])]
    public void The_polling_bodies_we_write_node_decodes_as_the_same_packets(Batch<EnginePayload> batch)
    {
        var bodies = batch.Items.Select(Write).ToArray();
        var decoded = node.Request("eio.decodePayload", [.. bodies.Select(b => OracleJson.Base64(b))]);
        for (var i = 0; i < batch.Items.Length; i++)
        {
            var actual = string.Join(" | ", decoded[i].Value.EnumerateArray().Select(EnginePacket.DescribeNode));
            Assert.True(batch.Items[i].Canon == actual, $"we wrote {Gens.Show(bodies[i])}\n expected   {batch.Items[i].Canon}\n Node read  {actual}");
        }
    }

    [Property(MaxTest = 3, Arbitrary = [typeof(EngineOracleArbitraries)])]
    public void The_polling_bodies_node_encodes_we_read_as_the_same_packets(Batch<EnginePayload> batch)
    {
        var encoded = node.Request("eio.encodePayload", [.. batch.Items.Select(p => "[" + string.Join(',', p.Packets.Select(x => x.ToOracleItem())) + "]")]);
        for (var i = 0; i < batch.Items.Length; i++)
        {
            var body = Encoding.UTF8.GetBytes(OracleJson.String(encoded[i].Value));
            var packets = new List<(ReadOnlyMemory<byte> Data, bool IsBinary)>();
            Assert.True(PollingPayload.TryRead(body, packets), $"we refused Node's body {Gens.Show(body)} for {batch.Items[i]}");
            var actual = string.Join(" | ", packets.Select(p => EnginePacket.DescribeOurs(p.Data, p.IsBinary)));
            Assert.True(batch.Items[i].Canon == actual, $"Node wrote {Gens.Show(body)}\n expected  {batch.Items[i].Canon}\n we read   {actual}");
        }
    }

    [Property(MaxTest = 3, Arbitrary = [typeof(EngineOracleArbitraries)])]
    public void Each_websocket_frame_is_what_node_encodes_and_node_decodes_ours_as_the_same_packet(Batch<EnginePacket> batch)
    {
        var frames = batch.Items.Select(p => p.ToFrame()).ToArray();
        var encoded = node.Request("eio.encodePacket", [.. batch.Items.Select(p => p.ToOracleItem())]);
        var decoded = node.Request("eio.decodePacket", [.. frames.Select(f => f.IsBinary
            ? "{\"binary\":" + OracleJson.Base64(f.Data.Span) + "}"
            : "{\"text\":" + OracleJson.Quote(Encoding.UTF8.GetString(f.Data.Span)) + "}")]);
        for (var i = 0; i < batch.Items.Length; i++)
        {
            var answer = encoded[i].Value;
            var nodeFrame = answer.TryGetProperty("binary", out var binary)
                ? (Data: OracleJson.Bytes(binary), IsBinary: true)
                : (Data: Encoding.UTF8.GetBytes(OracleJson.String(answer.GetProperty("text"))), IsBinary: false);
            Assert.True(
                nodeFrame.IsBinary == frames[i].IsBinary && nodeFrame.Data.AsSpan().SequenceEqual(frames[i].Data.Span),
                $"for {batch.Items[i]} Node's frame is {(nodeFrame.IsBinary ? "binary" : "text")} {Gens.Show(nodeFrame.Data)}, ours {(frames[i].IsBinary ? "binary" : "text")} {Gens.Show(frames[i].Data.Span)}");
            Assert.Equal(batch.Items[i].Canon, EnginePacket.DescribeNode(decoded[i].Value));
        }
    }

    private static byte[] Write(EnginePayload payload)
    {
        var output = new ArrayBufferWriter<byte>();
        PollingPayload.Write(output, [.. payload.Packets.Select(p => p.ToFrame())]);
        return output.WrittenSpan.ToArray();
    }
}
