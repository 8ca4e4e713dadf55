using System.Buffers;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

public class PollingPayloadTests
{
    private static byte[] Write(params EngineFrame[] frames)
    {
        var output = new ArrayBufferWriter<byte>();
        PollingPayload.Write(output, [.. frames]);
        return output.WrittenSpan.ToArray();
    }

    private static List<(ReadOnlyMemory<byte> Data, bool IsBinary)> Read(byte[] body)
    {
        var packets = new List<(ReadOnlyMemory<byte> Data, bool IsBinary)>();
        Assert.True(PollingPayload.TryRead(body, packets));
        return packets;
    }

    [Fact]
    public void Writes_a_single_text_frame_as_is()
    {
        Assert.Equal(Utf8("42[\"hello\"]"), Write(EngineFrame.Message(Utf8("2[\"hello\"]"))));
    }

    [Fact]
    public void Writes_nothing_for_no_frames()
    {
        Assert.Empty(Write());
    }

    [Fact]
    public void Joins_several_frames_with_the_record_separator()
    {
        var body = Write(EngineFrame.Message(Utf8("2[\"a\"]")), EngineFrame.Ping, EngineFrame.Noop);

        Assert.Equal(Utf8("42[\"a\"]\u001e2\u001e6"), body);
    }

    [Fact]
    public void Writes_a_binary_frame_as_b_and_base64()
    {
        var body = Write(EngineFrame.Binary(new byte[] { 1, 2, 3, 4 }));

        Assert.Equal(Utf8("bAQIDBA=="), body);
    }

    [Fact]
    public void Writes_an_empty_binary_frame_as_b_alone()
    {
        Assert.Equal(Utf8("b"), Write(EngineFrame.Binary(Array.Empty<byte>())));
    }

    [Fact]
    public void Mixes_text_and_binary_frames_in_order()
    {
        var body = Write(
            EngineFrame.Message(Utf8("51-[\"up\",{\"_placeholder\":true,\"num\":0}]")),
            EngineFrame.Binary(new byte[] { 0xFF, 0x00, 0x7F }),
            EngineFrame.Pong);

        Assert.Equal(Utf8("451-[\"up\",{\"_placeholder\":true,\"num\":0}]\u001eb/wB/\u001e3"), body);
    }

    [Fact]
    public void Writes_a_large_binary_frame_completely()
    {
        var bytes = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();

        var body = Write(EngineFrame.Message(Utf8("2")), EngineFrame.Binary(bytes));

        Assert.Equal(Utf8("42\u001eb" + Convert.ToBase64String(bytes)), body);
    }

    [Fact]
    public void Reads_a_single_text_packet()
    {
        var packet = Assert.Single(Read(Utf8("42[\"hello\"]")));

        Assert.False(packet.IsBinary);
        Assert.Equal("42[\"hello\"]", Text(packet.Data));
    }

    [Fact]
    public void Splits_a_body_at_each_record_separator()
    {
        var packets = Read(Utf8("42[\"a\"]\u001e2\u001e40/chat,{}"));

        Assert.Equal(new[] { "42[\"a\"]", "2", "40/chat,{}" }, packets.Select(p => Text(p.Data)));
        Assert.All(packets, p => Assert.False(p.IsBinary));
    }

    [Fact]
    public void Decodes_a_binary_packet_from_base64()
    {
        var packet = Assert.Single(Read(Utf8("bAQIDBA==")));

        Assert.True(packet.IsBinary);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, packet.Data.ToArray());
    }

    [Fact]
    public void Reads_text_and_binary_packets_in_order()
    {
        var packets = Read(Utf8("451-[\"up\",{\"_placeholder\":true,\"num\":0}]\u001eb/wB/\u001e3"));

        Assert.Equal(3, packets.Count);
        Assert.False(packets[0].IsBinary);
        Assert.True(packets[1].IsBinary);
        Assert.Equal(new byte[] { 0xFF, 0x00, 0x7F }, packets[1].Data.ToArray());
        Assert.Equal("3", Text(packets[2].Data));
    }

    [Fact]
    public void Reads_text_packets_with_non_ascii_utf8()
    {
        var packets = Read(Utf8("42[\"é😀\"]\u001e42[\"中\"]"));

        Assert.Equal(new[] { "42[\"é😀\"]", "42[\"中\"]" }, packets.Select(p => Text(p.Data)));
    }

    [Fact]
    public void Reads_an_empty_binary_packet()
    {
        var packet = Assert.Single(Read(Utf8("b")));

        Assert.True(packet.IsBinary);
        Assert.True(packet.Data.IsEmpty);
    }

    [Theory]
    [InlineData("b!!!!")]
    [InlineData("bAQ")]
    [InlineData("bAQIDBA=")]
    [InlineData("bA")]
    [InlineData("bAQ==AQ==")]
    [InlineData("42\u001ebnot base64")]
    [InlineData("b====")]
    public void Rejects_malformed_base64(string body)
    {
        Assert.False(PollingPayload.TryRead(Utf8(body), []));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u001e")]
    [InlineData("42[\"a\"]\u001e")]
    [InlineData("\u001e42[\"a\"]")]
    [InlineData("2\u001e\u001e3")]
    public void Rejects_a_body_with_an_empty_packet(string body)
    {
        Assert.False(PollingPayload.TryRead(Utf8(body), []));
    }

    [Fact]
    public void Round_trips_frames_through_a_polling_body()
    {
        byte[] binary = [0, 1, 0x1e, 0xFF, (byte)'b'];
        var body = Write(EngineFrame.Message(Utf8("2[\"x\"]")), EngineFrame.Binary(binary), EngineFrame.Message(Utf8("3")));

        var packets = Read(body);

        Assert.Equal(3, packets.Count);
        Assert.Equal("42[\"x\"]", Text(packets[0].Data));
        Assert.Equal(binary, packets[1].Data.ToArray());
        Assert.True(packets[1].IsBinary);
        Assert.Equal("43", Text(packets[2].Data));
    }

    [Fact]
    public void Round_trips_binary_frames_of_every_length_remainder()
    {
        for (var length = 0; length < 10; length++)
        {
            var bytes = Enumerable.Range(0, length).Select(i => (byte)(i * 37)).ToArray();

            var packet = Assert.Single(Read(Write(EngineFrame.Binary(bytes))));

            Assert.Equal(bytes, packet.Data.ToArray());
        }
    }
}
