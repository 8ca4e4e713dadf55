using System.Text;
using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

public class SocketIOPacketDecoderTests
{
    // CONNECT (0)

    [Fact]
    public void Decodes_a_connect_to_the_main_namespace()
    {
        var packet = Decode("0");

        Assert.Equal(SocketIOPacketType.Connect, packet.Type);
        Assert.Equal("/", Text(packet.Namespace));
        Assert.False(packet.HasAck);
        Assert.Equal(SocketIOPacket.NoAck, packet.AckId);
        Assert.True(packet.Payload.IsEmpty);
        Assert.Equal(0, packet.AttachmentCount);
    }

    [Fact]
    public void Decodes_a_connect_to_a_namespace_with_an_auth_object()
    {
        var packet = Decode("0/chat,{\"token\":\"abc\"}");

        Assert.Equal(SocketIOPacketType.Connect, packet.Type);
        Assert.Equal("/chat", Text(packet.Namespace));
        Assert.Equal("{\"token\":\"abc\"}", Text(packet.Payload));
        Assert.False(packet.HasAck);
    }

    [Fact]
    public void Decodes_a_connect_to_the_main_namespace_with_an_auth_object()
    {
        var packet = Decode("0{\"token\":1}");

        Assert.Equal("/", Text(packet.Namespace));
        Assert.Equal("{\"token\":1}", Text(packet.Payload));
    }

    [Fact]
    public void Decodes_a_connect_to_a_namespace_without_a_trailing_comma()
    {
        var packet = Decode("0/chat");

        Assert.Equal(SocketIOPacketType.Connect, packet.Type);
        Assert.Equal("/chat", Text(packet.Namespace));
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void Decodes_a_connect_to_a_namespace_with_a_trailing_comma_and_no_auth()
    {
        var packet = Decode("0/chat,");

        Assert.Equal("/chat", Text(packet.Namespace));
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void Decodes_a_connect_with_an_empty_auth_object()
    {
        var packet = Decode("0/admin,{}");

        Assert.Equal("/admin", Text(packet.Namespace));
        Assert.Equal("{}", Text(packet.Payload));
    }

    [Fact]
    public void Decodes_a_namespace_with_non_ascii_characters()
    {
        var packet = Decode("0/café-☕,{}");

        Assert.Equal("/café-☕", Text(packet.Namespace));
    }

    // DISCONNECT (1)

    [Fact]
    public void Decodes_a_disconnect_from_the_main_namespace()
    {
        var packet = Decode("1");

        Assert.Equal(SocketIOPacketType.Disconnect, packet.Type);
        Assert.Equal("/", Text(packet.Namespace));
        Assert.True(packet.Payload.IsEmpty);
    }

    [Theory]
    [InlineData("1/chat,")]
    [InlineData("1/chat")]
    public void Decodes_a_disconnect_from_a_namespace(string text)
    {
        var packet = Decode(text);

        Assert.Equal(SocketIOPacketType.Disconnect, packet.Type);
        Assert.Equal("/chat", Text(packet.Namespace));
        Assert.True(packet.Payload.IsEmpty);
    }

    // EVENT (2)

    [Fact]
    public void Decodes_an_event_on_the_main_namespace()
    {
        var packet = Decode("2[\"hello\",1]");

        Assert.Equal(SocketIOPacketType.Event, packet.Type);
        Assert.True(packet.IsEvent);
        Assert.False(packet.IsAck);
        Assert.Equal("/", Text(packet.Namespace));
        Assert.Equal("hello", Text(packet.EventName));
        Assert.Equal(1, packet.ArgumentCount);
        Assert.False(packet.HasAck);
        Assert.Equal("[\"hello\",1]", Text(packet.Payload));
    }

    [Fact]
    public void Decodes_an_event_with_an_ack_id()
    {
        var packet = Decode("212[\"hello\"]");

        Assert.True(packet.HasAck);
        Assert.Equal(12, packet.AckId);
        Assert.Equal("hello", Text(packet.EventName));
        Assert.Equal(0, packet.ArgumentCount);
    }

    [Fact]
    public void Decodes_an_event_with_namespace_and_ack_id()
    {
        var packet = Decode("2/chat,7[\"hello\",1]");

        Assert.Equal(SocketIOPacketType.Event, packet.Type);
        Assert.Equal("/chat", Text(packet.Namespace));
        Assert.Equal(7, packet.AckId);
        Assert.Equal("hello", Text(packet.EventName));
        Assert.Equal(1, packet.ArgumentCount);
    }

    [Fact]
    public void Decodes_an_event_on_a_namespace_without_an_ack_id()
    {
        var packet = Decode("2/chat,[\"hello\"]");

        Assert.Equal("/chat", Text(packet.Namespace));
        Assert.False(packet.HasAck);
    }

    [Fact]
    public void Decodes_an_ack_id_of_zero()
    {
        var packet = Decode("20[\"hello\"]");

        Assert.True(packet.HasAck);
        Assert.Equal(0, packet.AckId);
    }

    [Fact]
    public void Decodes_the_largest_ack_id_a_javascript_client_can_send()
    {
        var packet = Decode("29007199254740991[\"hello\"]");

        Assert.Equal(9007199254740991L, packet.AckId);
        Assert.Equal(SocketIOPacketDecoder.MaxAckId, packet.AckId);
    }

    [Fact]
    public void Decodes_an_ack_id_with_leading_zeros()
    {
        var packet = Decode("2007[\"hello\"]");

        Assert.Equal(7, packet.AckId);
    }

    [Fact]
    public void Decodes_an_event_name_escaped_in_json()
    {
        var packet = Decode("2[\"\\u0041bc\"]");

        Assert.Equal("Abc", Text(packet.EventName));
    }

    [Fact]
    public void Decodes_an_event_name_with_escaped_quote_and_backslash()
    {
        var packet = Decode("2[\"a\\\"b\\\\c\",1]");

        Assert.Equal("a\"b\\c", Text(packet.EventName));
        Assert.Equal(1, packet.ArgumentCount);
    }

    [Fact]
    public void Decodes_an_event_name_with_an_escaped_surrogate_pair()
    {
        var packet = Decode("2[\"\\ud83d\\ude00\"]");

        Assert.Equal("😀", Text(packet.EventName));
    }

    [Fact]
    public void Decodes_a_numeric_event_name_as_its_text()
    {
        var packet = Decode("2[42,\"x\"]");

        Assert.Equal("42", Text(packet.EventName));
        Assert.Equal(1, packet.ArgumentCount);
    }

    [Theory]
    [InlineData("2[-1]", "-1")]
    [InlineData("2[1.5]", "1.5")]
    [InlineData("2[1e3]", "1e3")]
    [InlineData("2[0]", "0")]
    public void Decodes_any_json_number_as_an_event_name(string text, string name)
    {
        Assert.Equal(name, Text(Decode(text).EventName));
    }

    [Fact]
    public void Decodes_an_event_name_that_is_an_empty_string()
    {
        var packet = Decode("2[\"\",1]");

        Assert.True(packet.EventName.IsEmpty);
        Assert.Equal(1, packet.ArgumentCount);
    }

    [Theory]
    [InlineData("2[\"e\"]", 0)]
    [InlineData("2[\"e\",1]", 1)]
    [InlineData("2[\"e\",null,true,false]", 3)]
    [InlineData("2[\"e\",{\"a\":[1,2,{\"b\":3}]},[4,[5]],\"s\"]", 3)]
    [InlineData("2[\"e\",[],{},\"\",0]", 4)]
    [InlineData("2[ \"e\" , 1 , [ 2 ] ]", 2)]
    public void Counts_the_arguments_after_the_event_name(string text, int count)
    {
        Assert.Equal(count, Decode(text).ArgumentCount);
    }

    [Fact]
    public void Decodes_an_event_with_emoji_in_its_name_and_arguments()
    {
        var packet = Decode("2[\"salut 😀\",\"é🎉\",{\"ключ\":\"値\"}]");

        Assert.Equal("salut 😀", Text(packet.EventName));
        Assert.Equal(2, packet.ArgumentCount);
        var args = ArgumentsOf(packet);
        Assert.Equal("é🎉", args.GetString(0));
        Assert.Equal("値", args.GetElement(1).GetProperty("ключ").GetString());
    }

    [Fact]
    public void Decodes_an_event_with_whitespace_around_the_json()
    {
        var packet = Decode("2 [\"hello\", 1] ");

        Assert.Equal("hello", Text(packet.EventName));
        Assert.Equal(1, packet.ArgumentCount);
    }

    [Fact]
    public void Slices_the_namespace_and_event_name_from_the_input_without_copying()
    {
        var input = Utf8("2/chat,7[\"hello\"]");

        var packet = SocketIOPacketDecoder.Decode(input);

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(packet.Namespace, out var nsp));
        Assert.Same(input, nsp.Array);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(packet.EventName, out var name));
        Assert.Same(input, name.Array);
    }

    [Fact]
    public void Decodes_a_namespace_with_punctuation_and_several_segments()
    {
        var packet = Decode("2/org/team.a-b_c,4[\"e\"]");

        Assert.Equal("/org/team.a-b_c", Text(packet.Namespace));
        Assert.Equal(4, packet.AckId);
    }

    // ACK (3)

    [Fact]
    public void Decodes_an_ack_with_its_arguments()
    {
        var packet = Decode("3/chat,7[\"ok\",{\"n\":1}]");

        Assert.Equal(SocketIOPacketType.Ack, packet.Type);
        Assert.True(packet.IsAck);
        Assert.False(packet.IsEvent);
        Assert.Equal("/chat", Text(packet.Namespace));
        Assert.Equal(7, packet.AckId);
        Assert.Equal(2, packet.ArgumentCount);
        Assert.True(packet.EventName.IsEmpty);
    }

    [Fact]
    public void Decodes_an_ack_without_arguments()
    {
        var packet = Decode("35[]");

        Assert.Equal(SocketIOPacketType.Ack, packet.Type);
        Assert.Equal(5, packet.AckId);
        Assert.Equal(0, packet.ArgumentCount);
        Assert.Equal("/", Text(packet.Namespace));
    }

    [Fact]
    public void Decodes_an_ack_whose_first_argument_is_not_a_string()
    {
        var packet = Decode("31[null,[1],{}]");

        Assert.Equal(3, packet.ArgumentCount);
    }

    // CONNECT_ERROR (4)

    [Fact]
    public void Decodes_a_connect_error_with_message_and_data()
    {
        var packet = Decode("4/chat,{\"message\":\"not authorized\",\"data\":{\"code\":403}}");

        Assert.Equal(SocketIOPacketType.ConnectError, packet.Type);
        Assert.Equal("/chat", Text(packet.Namespace));
        Assert.Equal("{\"message\":\"not authorized\",\"data\":{\"code\":403}}", Text(packet.Payload));
    }

    [Fact]
    public void Decodes_a_connect_error_on_the_main_namespace()
    {
        var packet = Decode("4{\"message\":\"nope\"}");

        Assert.Equal(SocketIOPacketType.ConnectError, packet.Type);
        Assert.Equal("/", Text(packet.Namespace));
    }

    [Fact]
    public void Decodes_a_connect_error_carrying_a_bare_string_as_older_servers_send()
    {
        var packet = Decode("4\"Invalid namespace\"");

        Assert.Equal(SocketIOPacketType.ConnectError, packet.Type);
        Assert.Equal("\"Invalid namespace\"", Text(packet.Payload));
    }

    // BINARY_EVENT (5) and BINARY_ACK (6)

    [Fact]
    public void Decodes_a_binary_event_with_its_attachment_count()
    {
        var packet = Decode("51-[\"upload\",{\"_placeholder\":true,\"num\":0}]");

        Assert.Equal(SocketIOPacketType.BinaryEvent, packet.Type);
        Assert.True(packet.IsEvent);
        Assert.Equal(1, packet.AttachmentCount);
        Assert.Equal("upload", Text(packet.EventName));
        Assert.Equal(1, packet.ArgumentCount);
        Assert.Equal("/", Text(packet.Namespace));
        Assert.False(packet.HasAck);
    }

    [Fact]
    public void Decodes_a_binary_event_with_namespace_and_ack_id()
    {
        var packet = Decode("52-/files,15[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");

        Assert.Equal(2, packet.AttachmentCount);
        Assert.Equal("/files", Text(packet.Namespace));
        Assert.Equal(15, packet.AckId);
        Assert.Equal(2, packet.ArgumentCount);
    }

    [Fact]
    public void Decodes_a_binary_ack_with_namespace_and_ack_id()
    {
        var packet = Decode("61-/nsp,3[{\"_placeholder\":true,\"num\":0}]");

        Assert.Equal(SocketIOPacketType.BinaryAck, packet.Type);
        Assert.True(packet.IsAck);
        Assert.Equal(1, packet.AttachmentCount);
        Assert.Equal("/nsp", Text(packet.Namespace));
        Assert.Equal(3, packet.AckId);
        Assert.Equal(1, packet.ArgumentCount);
    }

    [Fact]
    public void Decodes_a_multi_digit_attachment_count()
    {
        var packet = Decode("512-[\"many\"," + Placeholders(12) + "]", maxAttachments: 100);

        Assert.Equal(12, packet.AttachmentCount);
    }

    [Fact]
    public void Accepts_exactly_the_maximum_number_of_attachments()
    {
        var packet = Decode("510-[\"many\"," + Placeholders(10) + "]", maxAttachments: 10);

        Assert.Equal(10, packet.AttachmentCount);
    }

    [Theory]
    [InlineData("50-[\"none\"]")]
    [InlineData("50-/chat,[\"none\"]")]
    [InlineData("600-1[]")]
    public void Refuses_a_binary_packet_declaring_zero_attachments(string text)
    {
        // As Node's parser does: a packet without binary is written as EVENT or ACK by every encoder.
        var error = Assert.Throws<ProtocolException>(() => Decode(text));

        Assert.Equal("illegal attachments", error.Message);
    }

    // Argument count

    [Theory]
    [InlineData("2[\"e\"{0}]")]
    [InlineData("21[\"e\"{0}]")]
    [InlineData("37[{1}]")]
    [InlineData("51-[\"e\",{{\"_placeholder\":true,\"num\":0}}{0}]")]
    public void Accepts_exactly_the_maximum_number_of_arguments_and_refuses_one_more(string format)
    {
        // Events count the arguments after the name; acks count every value.
        string Packet(int count) => string.Format(System.Globalization.CultureInfo.InvariantCulture, format,
            string.Concat(Enumerable.Repeat(",0", format.StartsWith("51-", StringComparison.Ordinal) ? count - 1 : count)),
            string.Join(",", Enumerable.Repeat("0", count)));

        Assert.Equal(5, Decode(Packet(5), maxArguments: 5).ArgumentCount);
        var error = Assert.Throws<ProtocolException>(() => Decode(Packet(6), maxArguments: 5));
        Assert.Equal("too many arguments", error.Message);
    }

    [Fact]
    public void Allows_a_thousand_arguments_by_default()
    {
        Assert.Equal(1000, Decode("2[\"e\"" + string.Concat(Enumerable.Repeat(",0", 1000)) + "]").ArgumentCount);
        Assert.Throws<ProtocolException>(() => Decode("2[\"e\"" + string.Concat(Enumerable.Repeat(",0", 1001)) + "]"));
    }

    [Fact]
    public void Records_where_each_of_many_arguments_lies()
    {
        const int Count = 100_000;
        var text = "2[\"e\"" + string.Concat(Enumerable.Range(0, Count).Select(i => i % 3 == 0 ? $", {i} " : $",[\"{i}\"]")) + "]";

        var args = ArgumentsOf(Decode(text, maxArguments: Count));

        Assert.Equal(Count, args.Count);
        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(i % 3 == 0 ? $"{i}" : $"[\"{i}\"]", Text(args.GetRawJson(i)));
        }
    }

    // Depth

    [Fact]
    public void Accepts_json_exactly_as_deep_as_the_maximum_depth()
    {
        // The event array itself is one level.
        var packet = Decode("2[\"e\"," + NestedArrays(SocketIOLimits.DefaultMaxDepth - 1) + "]");

        Assert.Equal(1, packet.ArgumentCount);
    }

    [Fact]
    public void Honors_a_custom_maximum_depth()
    {
        Assert.Equal(1, Decode("2[\"e\",[[1]]]", maxDepth: 3).ArgumentCount);
        Assert.Throws<ProtocolException>(() => Decode("2[\"e\",[[[1]]]]", maxDepth: 3));
    }

    [Fact]
    public void Decodes_every_packet_type_digit_from_zero_to_six()
    {
        string[] samples = ["0", "1", "2[\"e\"]", "31[]", "4{}", "51-[\"e\"," + Placeholders(1) + "]", "61-1[" + Placeholders(1) + "]"];

        for (var type = 0; type < samples.Length; type++)
        {
            Assert.Equal((SocketIOPacketType)type, Decode(samples[type]).Type);
        }
    }

    [Fact]
    public void Decodes_from_a_slice_of_a_larger_buffer()
    {
        var buffer = Encoding.UTF8.GetBytes("xx2/chat,3[\"hi\",true]yy");

        var packet = SocketIOPacketDecoder.Decode(buffer.AsMemory(2, buffer.Length - 4));

        Assert.Equal("/chat", Text(packet.Namespace));
        Assert.Equal(3, packet.AckId);
        Assert.Equal("hi", Text(packet.EventName));
        Assert.Equal(1, packet.ArgumentCount);
    }
}
