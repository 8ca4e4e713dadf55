using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>
/// The decoder's error names the rule a packet broke: it is the reason the server logs when it
/// closes the connection, so an operator reading it must be pointed at the right part of the packet.
/// </summary>
public class DecoderErrorTests
{
    [Theory]
    [InlineData("", "empty packet")]
    [InlineData("7", "unknown packet type")]
    [InlineData("5-[\"e\"]", "illegal attachments")]
    [InlineData("511-[\"e\"]", "too many attachments")]
    [InlineData("29007199254740992[\"e\"]", "ack id out of range")]
    [InlineData("0[]", "invalid CONNECT payload")]
    [InlineData("0{\"token\":\"abc\"", "malformed JSON payload")]
    [InlineData("0{} {}", "malformed JSON payload")]
    [InlineData("1{}", "invalid DISCONNECT payload")]
    [InlineData("41{}", "CONNECT_ERROR with an ack id")]
    [InlineData("4", "invalid CONNECT_ERROR payload")]
    [InlineData("4/chat,", "invalid CONNECT_ERROR payload")]
    [InlineData("4[]", "invalid CONNECT_ERROR payload")]
    [InlineData("2\"e\"", "EVENT payload is not an array")]
    [InlineData("2{\"name\":\"e\"}", "EVENT payload is not an array")]
    [InlineData("2[]", "EVENT without a name")]
    [InlineData("2[null]", "EVENT without a name")]
    [InlineData("2[\"e\"]x", "malformed JSON in EVENT")]
    [InlineData("2[\"\\ud800\",1]", "invalid event name")]
    [InlineData("3[\"ok\"]", "ACK without id")]
    [InlineData("31\"ok\"", "ACK payload is not an array")]
    [InlineData("31[1,", "malformed JSON in ACK")]
    [InlineData("51-[\"e\"]", "illegal attachments")]
    public void Names_the_rule_a_malformed_packet_breaks(string text, string reason)
    {
        var exception = Assert.Throws<ProtocolException>(() => Decode(text));

        Assert.Equal(reason, exception.Message);
    }

    [Fact]
    public void Names_too_many_arguments_at_one_past_the_maximum()
    {
        var exception = Assert.Throws<ProtocolException>(() => Decode("2[\"e\",1,2,3]", maxArguments: 2));

        Assert.Equal("too many arguments", exception.Message);
    }
}
