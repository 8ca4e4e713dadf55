using System.Text;
using TypedSocketIO.Dispatch;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Oracle;

/// <summary>
/// Inputs Node's parsers accept and ours do not read the same way: each test asks Node what it
/// makes of the input and pins what we decided. docs/parser-differences.md gives the reasons.
/// </summary>
[Collection(ParserOracleCollection.Name)]
public sealed class ParserDifferenceTests(ParserOracle node)
{
    private const string Refused = "refused";

    /// <summary>What Node's socket.io-parser makes of a packet: <c>type|nsp|id|data</c>, <c>refused: why</c>, or <c>waits for n attachments</c>.</summary>
    private async Task<string> NodeReads(string text, params byte[][] attachments)
    {
        var result = (await node.RequestAsync("sio.decode", [OurParser.DecodeItem(text, attachments.Select(a => (ReadOnlyMemory<byte>)a))]))[0];
        if (result.Threw)
        {
            return Refused + ": " + result.Error;
        }

        return result.Value.TryGetProperty("incomplete", out var waiting)
            ? $"waits for {waiting.GetInt32()} attachments"
            : OurParser.DescribeNode(result.Value);
    }

    /// <summary>What our decoder makes of it, in the same words (binary types as Node reports them).</summary>
    private static string WeRead(string text, params byte[][] attachments)
    {
        try
        {
            var received = OurParser.Read(text, attachments);
            var line = OurParser.Describe(received);
            return OurParser.NodeDecodedType(received.Packet.Type) + line[1..];
        }
        catch (ProtocolException exception)
        {
            return Refused + ": " + exception.Message;
        }
    }

    [Theory]
    [InlineData("2[\"e\"] ")]
    [InlineData("2[\"e\"]\n")]
    [InlineData("2[ \"e\" , 1 ]")]
    [InlineData("0{\"a\":1} ")]
    [InlineData("0/chat,{}")]
    [InlineData("4\"x\"")]
    [InlineData("2[1.5]")]
    [InlineData("2[\"__proto__\"]")]
    [InlineData("2[\" connect\"]")]
    [InlineData("2[\"e\",{\"a\":1,\"a\":2}]")]
    [InlineData("2[\"e\",\"\\u2028\\u0000\"]")]
    [InlineData("2/a/b,7[\"e\"]")]
    public async Task Edge_inputs_both_parsers_read_the_same(string text)
    {
        Assert.Equal(await NodeReads(text), WeRead(text));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("\ufeff2[\"e\"]")]
    [InlineData("2[]")]
    [InlineData("2[true]")]
    [InlineData("2[\"e\"][\"f\"]")]
    [InlineData("2[\"e\"")]
    [InlineData("2['e']")]
    [InlineData("2[\"e\",01]")]
    [InlineData("2[\"e\",NaN]")]
    [InlineData("2[\"e\",/*c*/1]")]
    [InlineData("0null")]
    [InlineData("0[]")]
    [InlineData("1{}")]
    [InlineData("3{}")]
    [InlineData("5-[\"e\"]")]
    [InlineData("511-[\"e\"]")]
    public async Task Edge_inputs_both_parsers_refuse(string text)
    {
        Assert.StartsWith(Refused, await NodeReads(text));
        Assert.StartsWith(Refused, WeRead(text));
    }

    [Fact]
    public async Task A_lone_surrogate_in_an_event_name_node_dispatches_and_we_refuse()
    {
        Assert.Equal("2|\"/\"|-1|[\"\\ud800\"]", await NodeReads("2[\"\\ud800\"]"));
        Assert.Equal(Refused + ": invalid event name", WeRead("2[\"\\ud800\"]"));
    }

    [Fact]
    public async Task A_lone_surrogate_in_an_argument_both_accept_and_we_relay_it_unchanged()
    {
        const string text = "2[\"e\",\"\\ud800\"]";
        Assert.Equal(await NodeReads(text), WeRead(text));

        // The argument is there as JSON; System.Text.Json will not make a string of it, a relay copies it as it came.
        var arguments = OurParser.Read(text, []).Arguments;
        Assert.Equal("\"\\ud800\"", Encoding.UTF8.GetString(arguments.GetRawJson(0).Span));
        Assert.Throws<InvalidOperationException>(() => arguments.GetString(0));
        using var builder = PacketBuilder.ForEvent("e");
        builder.WriteArguments(arguments);
        Assert.Equal("42" + text[1..], builder.Build("/").ToString());
    }

    [Fact]
    public async Task A_lone_surrogate_we_emit_reaches_node_as_U_FFFD()
    {
        // Node's encoder would escape it ("\ud800"); ours writes UTF-8, which has no form for it.
        using var builder = PacketBuilder.ForEvent("e\ud800");
        builder.Write("x\udc00y");
        var outgoing = builder.Build("/");

        var decoded = (await node.RequestAsync("sio.decode", [OurParser.DecodeItem(outgoing)]))[0];
        Assert.Equal("2|\"/\"|-1|[\"e\\ufffd\",\"x\\ufffdy\"]", OurParser.DescribeNode(decoded.Value));
    }

    [Fact]
    public async Task Json_nested_deeper_than_MaxJsonDepth_node_accepts_and_we_refuse()
    {
        // The event array is one level, its argument 32 more: 33 in all, one past our default.
        var text = "2[\"e\"," + new string('[', 32) + new string(']', 32) + "]";
        Assert.Equal($"2|\"/\"|-1|[\"e\",{new string('[', 32)}{new string(']', 32)}]", await NodeReads(text));

        Assert.Equal(Refused + ": malformed JSON in EVENT", WeRead(text));
        Assert.Equal(SocketIOLimits.DefaultMaxDepth, new SocketIOOptions().MaxJsonDepth);
        SocketIOPacketDecoder.Decode(Encoding.UTF8.GetBytes(text), maxDepth: 33); // the limit is the application's to raise
    }

    [Theory]
    [InlineData("29007199254740992[\"e\"]", "9007199254740992")]
    [InlineData("299999999999999999999[\"e\"]", "100000000000000000000")]
    public async Task An_ack_id_above_2_pow_53_minus_1_node_takes_as_a_rounded_double_and_we_refuse(string text, string nodeId)
    {
        Assert.Equal($"2|\"/\"|{nodeId}|[\"e\"]", await NodeReads(text));
        Assert.Equal(Refused + ": ack id out of range", WeRead(text));
    }

    [Theory]
    [InlineData("2 [\"e\"]", "\"/\"")]
    [InlineData("2\n[\"e\"]", "\"/\"")]
    [InlineData("2/chat, [\"e\"]", "\"/chat\"")]
    public async Task Whitespace_before_the_payload_is_ack_id_0_to_node_and_json_whitespace_to_us(string text, string nsp)
    {
        Assert.Equal($"2|{nsp}|0|[\"e\"]", await NodeReads(text));
        Assert.Equal($"2|{nsp}|-1|[\"e\"]", WeRead(text));
    }

    [Theory]
    [InlineData("2", "2|\"/\"|-1|undefined", "malformed JSON in EVENT")]
    [InlineData("21", "2|\"/\"|1|undefined", "malformed JSON in EVENT")]
    [InlineData("2/chat,", "2|\"/chat\"|-1|undefined", "malformed JSON in EVENT")]
    [InlineData("31", "3|\"/\"|1|undefined", "malformed JSON in ACK")]
    [InlineData("4", "4|\"/\"|-1|undefined", "invalid CONNECT_ERROR payload")]
    public async Task A_packet_without_its_payload_node_accepts_and_we_refuse(string text, string nodeReads, string ourReason)
    {
        Assert.Equal(nodeReads, await NodeReads(text));
        Assert.Equal(Refused + ": " + ourReason, WeRead(text));
    }

    [Fact]
    public async Task An_ack_without_an_ack_id_node_accepts_and_we_refuse()
    {
        // Node's server looks the id up, finds nothing and drops the packet; an ack that answers no emit is a broken client to us.
        Assert.Equal("3|\"/\"|-1|[]", await NodeReads("3[]"));
        Assert.Equal(Refused + ": ACK without id", WeRead("3[]"));
    }

    [Fact]
    public async Task An_empty_packet_is_a_connect_to_node_and_refused_by_us()
    {
        // Number("") is 0 in JavaScript. Node's server never hands its decoder "" (a bare "4" message arrives as undefined, which it refuses).
        Assert.Equal("0|\"/\"|-1|undefined", await NodeReads(string.Empty));
        Assert.Equal(Refused + ": empty packet", WeRead(string.Empty));
    }

    [Theory]
    [InlineData("5 1-")]
    [InlineData("5+1-")]
    [InlineData("50x1-")]
    [InlineData("51.0-")]
    [InlineData("51e0-")]
    public async Task An_attachment_count_that_is_not_plain_digits_node_reads_as_a_number_and_we_refuse(string header)
    {
        var text = header + "[\"e\",{\"_placeholder\":true,\"num\":0}]";
        Assert.Equal("waits for 1 attachments", await NodeReads(text));
        Assert.Equal("2|\"/\"|-1|[\"e\",bytes:01]", await NodeReads(text, [1]));
        Assert.Equal(Refused + ": illegal attachments", WeRead(text, [1]));
    }

    [Theory]
    [InlineData("50-[\"e\"]")]
    [InlineData("600-1[]")]
    public async Task A_binary_packet_declaring_no_attachments_both_refuse(string text)
    {
        // We used to read it as its text packet; we refuse it now, as Node does (Protocol/SocketIOPacketDecoderTests too).
        Assert.Equal(Refused + ": Illegal attachments", await NodeReads(text));
        Assert.Equal(Refused + ": illegal attachments", WeRead(text));
    }

    [Theory]
    [InlineData("connect")]
    [InlineData("disconnect")]
    [InlineData("removeListener")]
    public async Task A_reserved_event_name_node_refuses_in_its_decoder_and_we_on_dispatch(string name)
    {
        var text = $"2[\"{name}\"]";
        Assert.Equal(Refused + ": invalid payload", await NodeReads(text));

        // Our decoder reads it; the connection closes on it before any handler (ClientConnection.RouteAsync).
        var packet = OurParser.Read(text, []).Packet;
        Assert.True(ReservedEvents.IsReserved(packet.EventName.Span));
    }

    [Fact]
    public async Task Node_puts_an_attachment_wherever_a_placeholder_names_it_and_ignores_attachments_none_names()
    {
        // What Node's reconstruction accepts. Ours refuses all of these as "illegal attachments":
        // see Hardening/IllegalAttachmentTests and Protocol/PlaceholderTests (the MaxArguments change).
        const string twice = "52-[\"e\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]";
        Assert.Equal("2|\"/\"|-1|[\"e\",bytes:01,bytes:01]", await NodeReads(twice, [1], [2]));
        Assert.Equal("2|\"/\"|-1|[\"e\",bytes:01]", await NodeReads("52-[\"e\",{\"_placeholder\":true,\"num\":0}]", [1], [2]));
        Assert.Equal("2|\"/\"|-1|[\"e\",undefined]", await NodeReads("51-[\"e\",{\"_placeholder\":true,\"num\":0.5}]", [1]));

        Assert.Equal(Refused + ": illegal attachments", await NodeReads("51-[\"e\",{\"_placeholder\":true,\"num\":1}]", [1]));
        Assert.Equal(Refused + ": illegal attachments", await NodeReads("51-[\"e\",{\"_placeholder\":true,\"num\":\"0\"}]", [1]));
        Assert.Equal(Refused + ": illegal attachments", await NodeReads("51-[\"e\",{\"_placeholder\":true},{\"_placeholder\":true,\"num\":0}]", [1]));
    }

    [Fact]
    public async Task An_object_shaped_like_a_placeholder_in_a_text_event_stays_an_object_on_both_sides()
    {
        const string text = "2[\"e\",{\"_placeholder\":true,\"num\":0}]";
        Assert.Equal(await NodeReads(text), WeRead(text));
        Assert.Equal("2|\"/\"|-1|[\"e\",{\"_placeholder\":true,\"num\":0}]", await NodeReads(text));
    }

    /// <summary>What Node's engine.io-parser makes of a polling body: its packets, or where it stopped with an error.</summary>
    private async Task<string> NodeReadsBody(string body)
    {
        var result = (await node.RequestAsync("eio.decodePayload", [OracleJson.Base64(Encoding.UTF8.GetBytes(body))]))[0];
        return string.Join(" | ", result.Value.EnumerateArray().Select(EnginePacket.DescribeNode));
    }

    /// <summary>Ours: the packets the polling reader hands on, or <c>refused</c> (a body we refuse closes the session).</summary>
    private static string WeReadBody(string body)
    {
        var packets = new List<(ReadOnlyMemory<byte> Data, bool IsBinary)>();
        if (!PollingPayload.TryRead(Encoding.UTF8.GetBytes(body), packets))
        {
            return Refused;
        }

        return string.Join(" | ", packets.Select(p => !p.IsBinary && EngineIOConnection.RefusalOf(p.Data.Span) == EngineIOCloseReason.ParseError
            ? "error \"parser error\""
            : EnginePacket.DescribeOurs(p.Data, p.IsBinary)));
    }

    [Theory]
    [InlineData("4hello\u001ebAQI=", "message \"hello\" | message bytes:0102")]
    [InlineData("b", "message bytes:")]
    [InlineData("4", "message")]
    [InlineData("7abc", "error \"parser error\"")]
    public async Task Polling_bodies_both_read_the_same(string body, string expected)
    {
        Assert.Equal(expected, await NodeReadsBody(body));
        Assert.Equal(expected, WeReadBody(body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4a\u001e")]
    [InlineData("4a\u001e\u001e4b")]
    public async Task A_body_with_an_empty_packet_both_refuse(string body)
    {
        Assert.EndsWith("error \"parser error\"", await NodeReadsBody(body));
        Assert.Equal(Refused, WeReadBody(body));
    }

    [Theory]
    [InlineData("bAQ", "01")]
    [InlineData("b!!AQI=", "0102")]
    [InlineData("b-_8=", "FBFF")]
    [InlineData("bAQI=AQI=", "0102")]
    public async Task Base64_that_is_not_canonical_node_decodes_leniently_and_we_refuse(string body, string nodeBytes)
    {
        Assert.Equal("message bytes:" + nodeBytes, await NodeReadsBody(body));
        Assert.Equal(Refused, WeReadBody(body));
    }

    [Theory]
    [InlineData("bAQ I=")]
    [InlineData("bAQI=\n")]
    public async Task Whitespace_inside_base64_both_skip(string body)
    {
        Assert.Equal("message bytes:0102", await NodeReadsBody(body));
        Assert.Equal("message bytes:0102", WeReadBody(body));
    }
}
