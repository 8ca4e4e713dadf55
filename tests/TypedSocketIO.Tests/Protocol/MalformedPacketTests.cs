using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>Input that breaks the protocol must throw <see cref="ProtocolException"/>, and nothing else.</summary>
public class MalformedPacketTests
{
    [Theory]
    // Empty and unknown types
    [InlineData("")]
    [InlineData("7")]
    [InlineData("7[\"e\"]")]
    [InlineData("8")]
    [InlineData("9")]
    [InlineData("x")]
    [InlineData("/chat,")]
    [InlineData("[\"e\"]")]
    [InlineData(" 2[\"e\"]")]
    // Bad attachment counts
    [InlineData("5-[\"e\"]")]
    [InlineData("5a-[\"e\"]")]
    [InlineData("51[\"e\"]")]
    [InlineData("5")]
    [InlineData("51")]
    [InlineData("5[\"e\"]")]
    [InlineData("6-/nsp,3[]")]
    [InlineData("61/nsp,3[]")]
    [InlineData("5-1-[\"e\"]")]
    // Too many attachments (default maximum is 10)
    [InlineData("511-[\"e\"]")]
    [InlineData("599999999999999999999999-[\"e\"]")]
    // Ack id above 2^53-1
    [InlineData("29007199254740992[\"e\"]")]
    [InlineData("299999999999999999999[\"e\"]")]
    [InlineData("39007199254740992[]")]
    // EVENT payload not an array, empty, or without a name
    [InlineData("2")]
    [InlineData("2/chat,")]
    [InlineData("2/chat")]
    [InlineData("21")]
    [InlineData("2{\"name\":\"e\"}")]
    [InlineData("2\"e\"")]
    [InlineData("242")]
    [InlineData("2null")]
    [InlineData("2[]")]
    [InlineData("2[null]")]
    [InlineData("2[true]")]
    [InlineData("2[{}]")]
    [InlineData("2[[\"e\"]]")]
    [InlineData("51-[]")]
    [InlineData("51-[{\"_placeholder\":true,\"num\":0}]")]
    // Truncated JSON
    [InlineData("2[")]
    [InlineData("2[\"e\"")]
    [InlineData("2[\"e")]
    [InlineData("2[\"e\",")]
    [InlineData("2[\"e\",{\"a\":")]
    [InlineData("0{\"token\":\"abc\"")]
    [InlineData("31[1,")]
    // Trailing garbage and two JSON values
    [InlineData("2[\"e\"]x")]
    [InlineData("2[\"e\"],")]
    [InlineData("2[\"e\"]]")]
    [InlineData("2[\"e\"][\"f\"]")]
    [InlineData("2[\"e\"] 1")]
    [InlineData("0{}{}")]
    [InlineData("0{} {}")]
    [InlineData("0{}}")]
    [InlineData("31[][]")]
    [InlineData("4{\"message\":\"a\"}x")]
    // Not JSON
    [InlineData("2['e']")]
    [InlineData("2[e]")]
    [InlineData("2[\"e\",]")]
    [InlineData("2[\"e\",01]")]
    [InlineData("2[\"e\",NaN]")]
    [InlineData("2[\"e\",undefined]")]
    [InlineData("2[\"e\" /* comment */]")]
    [InlineData("2[\"e\",\"\\x\"]")]
    [InlineData("2[\"e\",\"\\u12\"]")]
    [InlineData("2[\"e\",\"a\tb\"]")]
    [InlineData("2[\"e\\q\"]")]
    // DISCONNECT with a payload or an ack id
    [InlineData("1{}")]
    [InlineData("1/chat,{}")]
    [InlineData("1[]")]
    [InlineData("11")]
    [InlineData("1/chat,1")]
    // CONNECT with a payload that is not an object
    [InlineData("0[]")]
    [InlineData("0/chat,[\"token\"]")]
    [InlineData("0\"token\"")]
    [InlineData("042")]
    [InlineData("0null")]
    [InlineData("0/chat,x")]
    // ACK without id or without an array
    [InlineData("3[\"ok\"]")]
    [InlineData("3/chat,[\"ok\"]")]
    [InlineData("3")]
    [InlineData("31")]
    [InlineData("31{}")]
    [InlineData("31\"ok\"")]
    [InlineData("61-[{\"_placeholder\":true,\"num\":0}]")]
    // CONNECT_ERROR without an object (or string) payload
    [InlineData("4")]
    [InlineData("4/chat,")]
    [InlineData("4[]")]
    [InlineData("442")]
    [InlineData("4null")]
    public void Rejects_a_malformed_packet(string text)
    {
        Assert.Throws<ProtocolException>(() => Decode(text));
    }

    [Fact]
    public void Rejects_more_attachments_than_the_configured_maximum()
    {
        Assert.Throws<ProtocolException>(() => Decode("53-[\"e\"]", maxAttachments: 2));
        Assert.Throws<ProtocolException>(() => Decode("61-1[]", maxAttachments: 0));
    }

    [Fact]
    public void Rejects_an_event_deeper_than_the_maximum_depth()
    {
        var text = "2[\"e\"," + NestedArrays(SocketIOLimits.DefaultMaxDepth) + "]";

        Assert.Throws<ProtocolException>(() => Decode(text));
    }

    [Fact]
    public void Rejects_an_ack_deeper_than_the_maximum_depth()
    {
        var text = "31[" + NestedObjects(SocketIOLimits.DefaultMaxDepth) + "]";

        Assert.Throws<ProtocolException>(() => Decode(text));
    }

    [Fact]
    public void Rejects_a_connect_auth_object_deeper_than_the_maximum_depth()
    {
        var text = "0/chat," + NestedObjects(SocketIOLimits.DefaultMaxDepth + 1);

        Assert.Throws<ProtocolException>(() => Decode(text));
    }

    [Fact]
    public void Rejects_a_connect_error_deeper_than_the_maximum_depth()
    {
        var text = "4" + NestedObjects(SocketIOLimits.DefaultMaxDepth + 1);

        Assert.Throws<ProtocolException>(() => Decode(text));
    }

    [Fact]
    public void Rejects_very_deep_json_without_overflowing_the_stack()
    {
        var text = "2[\"e\"," + NestedArrays(100_000) + "]";

        Assert.Throws<ProtocolException>(() => Decode(text));
    }

    [Fact]
    public void Rejects_invalid_utf8_inside_a_string_argument()
    {
        // "2["e","a" + 0xC3 0x28 + ""]": 0xC3 starts a two-byte sequence that 0x28 '(' does not continue.
        byte[] bytes = [.. Utf8("2[\"e\",\"a"), 0xC3, 0x28, .. Utf8("\"]")];

        Assert.Throws<ProtocolException>(() => SocketIOPacketDecoder.Decode(bytes));
    }

    [Fact]
    public void Rejects_invalid_utf8_inside_the_event_name()
    {
        byte[] bytes = [.. Utf8("2[\"a"), 0xC3, 0x28, .. Utf8("\",1]")];

        Assert.Throws<ProtocolException>(() => SocketIOPacketDecoder.Decode(bytes));
    }

    [Fact]
    public void Rejects_invalid_utf8_inside_an_escaped_event_name()
    {
        byte[] bytes = [.. Utf8("2[\"\\u0041"), 0xC3, 0x28, .. Utf8("\",1]")];

        Assert.Throws<ProtocolException>(() => SocketIOPacketDecoder.Decode(bytes));
    }

    [Fact]
    public void Rejects_invalid_utf8_inside_a_connect_auth_object()
    {
        byte[] bytes = [.. Utf8("0{\"token\":\""), 0xFF, .. Utf8("\"}")];

        Assert.Throws<ProtocolException>(() => SocketIOPacketDecoder.Decode(bytes));
    }

    [Fact]
    public void Rejects_an_event_name_escaping_a_lone_surrogate()
    {
        Assert.Throws<ProtocolException>(() => Decode("2[\"\\ud800\",1]"));
    }

    [Fact]
    public void Rejects_an_event_name_escaping_a_reversed_surrogate_pair()
    {
        Assert.Throws<ProtocolException>(() => Decode("2[\"\\ude00\\ud83d\"]"));
    }

    public static TheoryData<string> ValidPackets =>
    [
        "0",
        "0/chat,{\"token\":\"abc\",\"n\":[1,2]}",
        "1/chat,",
        "2/chat,7[\"hello\",1,{\"a\":[true,null]},\"é😀\"]",
        "2[\"\\u0041bc\",\"x\\ny\"]",
        "2[42,-1.5e3]",
        "3/chat,7[\"ok\",{\"n\":1}]",
        "4/chat,{\"message\":\"no\",\"data\":{\"code\":1}}",
        "51-[\"upload\",{\"_placeholder\":true,\"num\":0}]",
        "61-/nsp,3[{\"_placeholder\":true,\"num\":0}]",
    ];

    [Theory]
    [MemberData(nameof(ValidPackets))]
    public void Truncating_a_valid_packet_anywhere_decodes_or_throws_only_ProtocolException(string text)
    {
        var bytes = Utf8(text);
        for (var length = 0; length < bytes.Length; length++)
        {
            DecodesOrThrowsProtocolException(bytes.AsMemory(0, length));
        }
    }

    [Theory]
    [MemberData(nameof(ValidPackets))]
    public void Changing_any_byte_of_a_valid_packet_decodes_or_throws_only_ProtocolException(string text)
    {
        byte[] replacements = [0x00, 0x1e, (byte)' ', (byte)'"', (byte)'\\', (byte)',', (byte)'/', (byte)'-', (byte)'[', (byte)']',
            (byte)'{', (byte)'}', (byte)'0', (byte)'9', (byte)'u', (byte)'a', 0x7f, 0x80, 0xC3, 0xED, 0xF0, 0xFF];
        var original = Utf8(text);
        for (var i = 0; i < original.Length; i++)
        {
            foreach (var replacement in replacements)
            {
                var bytes = (byte[])original.Clone();
                bytes[i] = replacement;
                DecodesOrThrowsProtocolException(bytes);
            }
        }
    }

    private static void DecodesOrThrowsProtocolException(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            SocketIOPacketDecoder.Decode(bytes);
        }
        catch (ProtocolException)
        {
        }
        catch (Exception exception)
        {
            Assert.Fail($"'{Text(bytes)}' threw {exception.GetType().Name}: {exception.Message}");
        }
    }
}
