using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>The decoder's limits have their defaults in one place, and the server's settings start from them.</summary>
public class SocketIOLimitsTests
{
    [Fact]
    public void The_defaults_are_those_the_options_document()
    {
        Assert.Equal(new SocketIOLimits(MaxAttachments: 10, MaxDepth: 32, MaxArguments: 1000), SocketIOLimits.Default);
    }

    [Fact]
    public void The_server_options_and_the_JSON_settings_start_from_the_defaults()
    {
        var options = new SocketIOOptions();

        Assert.Equal(SocketIOLimits.Default, options.DecoderLimits);
        Assert.Equal(SocketIOLimits.DefaultMaxDepth, SocketIOJson.CreateOptions().MaxDepth);
    }

    [Fact]
    public void The_decoder_holds_a_packet_to_the_limits_it_is_given()
    {
        var limits = SocketIOLimits.Default with { MaxAttachments = 1, MaxArguments = 2 };

        Assert.Equal(2, SocketIOPacketDecoder.Decode("2[\"e\",1,2]"u8.ToArray(), limits).ArgumentCount);
        Assert.Equal("too many arguments", Assert.Throws<ProtocolException>(() => SocketIOPacketDecoder.Decode("2[\"e\",1,2,3]"u8.ToArray(), limits)).Message);
        Assert.Equal("too many attachments", Assert.Throws<ProtocolException>(() => SocketIOPacketDecoder.Decode("52-[\"e\"]"u8.ToArray(), limits)).Message);
        Assert.Equal("malformed JSON in EVENT", Assert.Throws<ProtocolException>(() => SocketIOPacketDecoder.Decode("2[\"e\",[[1]]]"u8.ToArray(), limits with { MaxDepth = 2 })).Message);
    }
}
