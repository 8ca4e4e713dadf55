using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

public class PacketHeaderTests
{
    private static string Encode(int type, string nsp, long ackId, int attachments, string payload) =>
        Text(PacketHeader.Encode((SocketIOPacketType)type, nsp, ackId, attachments, Utf8(payload)));

    [Fact]
    public void Encodes_a_connect_answer()
    {
        Assert.Equal("40{\"sid\":\"abc\"}", Encode(0, "/", -1, 0, "{\"sid\":\"abc\"}"));
        Assert.Equal("40/chat,{\"sid\":\"abc\"}", Encode(0, "/chat", -1, 0, "{\"sid\":\"abc\"}"));
    }

    [Fact]
    public void Encodes_a_packet_without_payload()
    {
        Assert.Equal("41", Encode(1, "/", -1, 0, ""));
        Assert.Equal("41/chat,", Encode(1, "/chat", -1, 0, ""));
    }

    [Fact]
    public void Encodes_a_connect_error()
    {
        Assert.Equal("44/admin,{\"message\":\"no\"}", Encode(4, "/admin", -1, 0, "{\"message\":\"no\"}"));
    }

    [Fact]
    public void Encodes_an_ack_id_of_zero()
    {
        Assert.Equal("420[\"e\"]", Encode(2, "/", 0, 0, "[\"e\"]"));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(9L)]
    [InlineData(10L)]
    [InlineData(99L)]
    [InlineData(100L)]
    [InlineData(123456789L)]
    [InlineData(9007199254740991L)]
    [InlineData(long.MaxValue)]
    public void Encodes_an_ack_id_with_all_its_digits(long ackId)
    {
        Assert.Equal($"43/chat,{ackId}[]", Encode(3, "/chat", ackId, 0, "[]"));
        Assert.Equal($"43{ackId}[]", Encode(3, "/", ackId, 0, "[]"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Encodes_an_attachment_count_with_all_its_digits(int attachments)
    {
        Assert.Equal($"45{attachments}-[\"e\"]", Encode(5, "/", -1, attachments, "[\"e\"]"));
    }

    [Fact]
    public void Orders_attachments_namespace_and_ack_id()
    {
        Assert.Equal(
            "461-/nsp,3[{\"_placeholder\":true,\"num\":0}]",
            Encode(6, "/nsp", 3, 1, "[{\"_placeholder\":true,\"num\":0}]"));
        Assert.Equal("4512-/a,0[]", Encode(5, "/a", 0, 12, "[]"));
    }

    [Fact]
    public void Writes_no_attachment_count_when_there_are_none()
    {
        Assert.Equal("45[\"e\"]", Encode(5, "/", -1, 0, "[\"e\"]"));
    }

    [Fact]
    public void Encodes_a_non_ascii_namespace_to_exactly_its_utf8_bytes()
    {
        var frame = PacketHeader.Encode(SocketIOPacketType.Event, "/café☕", 7, 0, Utf8("[\"é\"]"));

        Assert.Equal(Utf8("42/café☕,7[\"é\"]"), frame);
    }

    [Fact]
    public void Returns_a_frame_of_exactly_the_written_length()
    {
        var frame = PacketHeader.Encode(SocketIOPacketType.BinaryAck, "/n", 100, 10, Utf8("[1]"));

        Assert.Equal(Utf8("4610-/n,100[1]"), frame);
    }

    [Fact]
    public void Encodes_every_packet_type_as_its_digit()
    {
        for (var type = 0; type <= 6; type++)
        {
            Assert.Equal($"4{type}", Encode(type, "/", -1, 0, ""));
        }
    }

    [Fact]
    public void Encodes_headers_the_decoder_reads_back()
    {
        var frame = PacketHeader.Encode(SocketIOPacketType.BinaryEvent, "/x", 42, 3, Utf8("[\"e\",[" + Placeholders(3) + "]]"));

        var packet = SocketIOPacketDecoder.Decode(frame.AsMemory(1));

        Assert.Equal(SocketIOPacketType.BinaryEvent, packet.Type);
        Assert.Equal("/x", Text(packet.Namespace));
        Assert.Equal(42, packet.AckId);
        Assert.Equal(3, packet.AttachmentCount);
        Assert.Equal(1, packet.ArgumentCount);
    }
}
