using System.Text.Json;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>The exact bytes of the CONNECT, CONNECT_ERROR and DISCONNECT packets, as Engine.IO message frames.</summary>
public class ControlPacketsTests
{
    private sealed record Reason(string Code, int RetryIn);

    [Fact]
    public void A_connect_names_the_socket_id_and_the_namespace_unless_it_is_the_main_one()
    {
        Assert.Equal("40{\"sid\":\"abc\"}", Text(ControlPackets.Connect("/", "abc").Frame));
        Assert.Equal("40/chat,{\"sid\":\"abc\"}", Text(ControlPackets.Connect("/chat", "abc").Frame));
        Assert.Empty(ControlPackets.Connect("/", "abc").Attachments);
    }

    [Fact]
    public void A_connect_error_carries_the_message_alone_when_there_is_no_data()
    {
        var packet = ControlPackets.ConnectError("/admin", "Not authorized", data: null, SocketIOJson.DefaultOptions);

        Assert.Equal("44/admin,{\"message\":\"Not authorized\"}", Text(packet.Frame));
        Assert.Empty(packet.Attachments);
    }

    [Fact]
    public void A_connect_error_serializes_its_data_with_the_given_options()
    {
        var data = new Reason("banned", 30);

        Assert.Equal(
            "44{\"message\":\"no\",\"data\":{\"code\":\"banned\",\"retryIn\":30}}",
            Text(ControlPackets.ConnectError("/", "no", data, SocketIOJson.DefaultOptions).Frame));
        Assert.Equal(
            "44{\"message\":\"no\",\"data\":{\"Code\":\"banned\",\"RetryIn\":30}}",
            Text(ControlPackets.ConnectError("/", "no", data, new JsonSerializerOptions { TypeInfoResolver = SocketIOJson.DefaultOptions.TypeInfoResolver }).Frame));
    }

    [Fact]
    public void Connect_bodies_write_text_as_UTF_8_and_escape_only_what_JSON_requires()
    {
        Assert.Equal(
            "44/é,{\"message\":\"<ça> \\\"😀\\\"\\n\"}",
            Text(ControlPackets.ConnectError("/é", "<ça> \"😀\"\n", data: null, SocketIOJson.DefaultOptions).Frame));
        Assert.Equal("40{\"sid\":\"a+b/c\"}", Text(ControlPackets.Connect("/", "a+b/c").Frame));
    }

    [Fact]
    public void A_disconnect_has_no_payload()
    {
        Assert.Equal("41", Text(ControlPackets.Disconnect("/").Frame));
        Assert.Equal("41/chat,", Text(ControlPackets.Disconnect("/chat").Frame));
    }

    [Fact]
    public void Every_control_packet_decodes_as_what_it_was_encoded_as()
    {
        var connect = SocketIOPacketDecoder.Decode(ControlPackets.Connect("/chat", "abc").Frame[1..]);
        var error = SocketIOPacketDecoder.Decode(ControlPackets.ConnectError("/chat", "no", new Reason("x", 1), SocketIOJson.DefaultOptions).Frame[1..]);
        var disconnect = SocketIOPacketDecoder.Decode(ControlPackets.Disconnect("/chat").Frame[1..]);

        Assert.Equal((SocketIOPacketType.Connect, "/chat"), (connect.Type, Text(connect.Namespace)));
        Assert.Equal((SocketIOPacketType.ConnectError, "/chat"), (error.Type, Text(error.Namespace)));
        Assert.Equal((SocketIOPacketType.Disconnect, "/chat"), (disconnect.Type, Text(disconnect.Namespace)));
    }
}
