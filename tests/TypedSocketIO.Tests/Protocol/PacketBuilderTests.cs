using System.Text.Json;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

public class PacketBuilderTests
{
    private static OutgoingPacket Event(string name, string nsp = "/", long ackId = -1, params object?[] args)
    {
        using var builder = PacketBuilder.ForEvent(name);
        foreach (var arg in args)
        {
            builder.WriteObject(arg);
        }

        return builder.Build(nsp, ackId);
    }

    [Fact]
    public void Encodes_an_event_without_arguments()
    {
        Assert.Equal("42[\"hello\"]", Event("hello").ToString());
    }

    [Fact]
    public void Starts_every_frame_with_the_engine_io_message_digit()
    {
        Assert.Equal((byte)'4', Event("hello").Frame.Span[0]);
        Assert.Equal((byte)'4', Event("hello", "/chat", 3).Frame.Span[0]);

        using var ack = PacketBuilder.ForAck();
        ack.Write(new byte[] { 1 });
        Assert.Equal((byte)'4', ack.Build("/", 1).Frame.Span[0]);
    }

    [Fact]
    public void Encodes_string_arguments()
    {
        using var builder = PacketBuilder.ForEvent("say");
        builder.Write("hi");
        builder.Write("there \"you\"");

        Assert.Equal("42[\"say\",\"hi\",\"there \\\"you\\\"\"]", builder.Build("/").ToString());
    }

    [Fact]
    public void Encodes_number_arguments()
    {
        using var builder = PacketBuilder.ForEvent("n");
        builder.Write(1);
        builder.Write(-2L);
        builder.Write(1.5);
        builder.Write(9007199254740991L);

        Assert.Equal("42[\"n\",1,-2,1.5,9007199254740991]", builder.Build("/").ToString());
    }

    [Fact]
    public void Encodes_boolean_and_null_arguments()
    {
        using var builder = PacketBuilder.ForEvent("b");
        builder.Write(true);
        builder.Write(false);
        builder.Write<string?>(null);
        builder.WriteObject(null);

        Assert.Equal("42[\"b\",true,false,null,null]", builder.Build("/").ToString());
    }

    [Fact]
    public void Encodes_an_object_argument_in_camel_case()
    {
        using var builder = PacketBuilder.ForEvent("move");
        builder.Write(new Point(1, 2));

        Assert.Equal("42[\"move\",{\"x\":1,\"y\":2}]", builder.Build("/").ToString());
    }

    [Fact]
    public void Encodes_an_object_argument_given_as_object()
    {
        Assert.Equal("42[\"move\",{\"x\":3,\"y\":4}]", Event("move", "/", -1, new Point(3, 4)).ToString());
    }

    [Fact]
    public void Encodes_collections_and_dictionaries()
    {
        using var builder = PacketBuilder.ForEvent("c");
        builder.Write(new[] { 1, 2, 3 });
        builder.Write(new Dictionary<string, string> { ["k"] = "v" });
        builder.Write(new List<Point> { new(0, 0) });

        Assert.Equal("42[\"c\",[1,2,3],{\"k\":\"v\"},[{\"x\":0,\"y\":0}]]", builder.Build("/").ToString());
    }

    [Fact]
    public void Encodes_an_argument_with_explicit_type_info()
    {
        var typeInfo = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Point>)SocketIOJson.DefaultOptions.GetTypeInfo(typeof(Point));
        using var builder = PacketBuilder.ForEvent("move");
        builder.Write(new Point(5, 6), typeInfo);

        Assert.Equal("42[\"move\",{\"x\":5,\"y\":6}]", builder.Build("/").ToString());
    }

    [Fact]
    public void Encodes_with_the_serializer_options_given()
    {
        var options = new JsonSerializerOptions(SocketIOJson.DefaultOptions) { PropertyNamingPolicy = null };
        using var builder = PacketBuilder.ForEvent("move", options);
        builder.Write(new Point(1, 2));

        Assert.Same(options, builder.SerializerOptions);
        Assert.Equal("42[\"move\",{\"X\":1,\"Y\":2}]", builder.Build("/").ToString());
    }

    [Fact]
    public void Encodes_a_json_element_as_is()
    {
        using var document = JsonDocument.Parse("{\"a\":[1,{\"b\":null}]}");
        using var builder = PacketBuilder.ForEvent("raw");
        builder.WriteObject(document.RootElement);

        Assert.Equal("42[\"raw\",{\"a\":[1,{\"b\":null}]}]", builder.Build("/").ToString());
    }

    [Fact]
    public void Lets_the_caller_write_arguments_through_the_json_writer()
    {
        using var builder = PacketBuilder.ForEvent("w");
        builder.Json.WriteStartObject();
        builder.Json.WriteString("k", "v");
        builder.Json.WriteEndObject();
        builder.Json.WriteNumberValue(7);

        Assert.Equal("42[\"w\",{\"k\":\"v\"},7]", builder.Build("/").ToString());
    }

    [Fact]
    public void Omits_the_namespace_for_the_main_namespace()
    {
        Assert.Equal("42[\"e\"]", Event("e", "/").ToString());
    }

    [Fact]
    public void Prefixes_a_non_root_namespace_followed_by_a_comma()
    {
        Assert.Equal("42/chat,[\"e\"]", Event("e", "/chat").ToString());
    }

    [Fact]
    public void Writes_the_ack_id_right_before_the_payload()
    {
        Assert.Equal("4212[\"e\"]", Event("e", "/", 12).ToString());
        Assert.Equal("42/chat,12[\"e\"]", Event("e", "/chat", 12).ToString());
    }

    [Fact]
    public void Writes_an_ack_id_of_zero()
    {
        Assert.Equal("420[\"e\"]", Event("e", "/", 0).ToString());
    }

    [Fact]
    public void Encodes_an_ack_with_arguments()
    {
        using var builder = PacketBuilder.ForAck();
        builder.Write("ok");
        builder.Write(2);

        Assert.Equal("43/chat,7[\"ok\",2]", builder.Build("/chat", 7).ToString());
    }

    [Fact]
    public void Encodes_an_ack_without_arguments()
    {
        using var builder = PacketBuilder.ForAck();

        Assert.Equal("435[]", builder.Build("/", 5).ToString());
    }

    [Fact]
    public void Turns_a_binary_argument_into_a_placeholder_and_an_attachment()
    {
        using var builder = PacketBuilder.ForEvent("upload");
        builder.Write(new byte[] { 1, 2, 3 });

        var packet = builder.Build("/");

        Assert.Equal("451-[\"upload\",{\"_placeholder\":true,\"num\":0}]", packet.ToString());
        var attachment = Assert.Single(packet.Attachments);
        Assert.Equal(new byte[] { 1, 2, 3 }, attachment.ToArray());
    }

    [Fact]
    public void Numbers_several_binary_arguments_in_order()
    {
        using var builder = PacketBuilder.ForEvent("files");
        builder.Write(new byte[] { 1 });
        builder.Write("between");
        builder.Write(new byte[] { 2, 2 });
        builder.Write(new byte[] { 3, 3, 3 });

        var packet = builder.Build("/");

        Assert.Equal(
            "453-[\"files\",{\"_placeholder\":true,\"num\":0},\"between\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":2}]",
            packet.ToString());
        Assert.Equal(3, packet.Attachments.Count);
        Assert.Equal(new byte[] { 1 }, packet.Attachments[0].ToArray());
        Assert.Equal(new byte[] { 2, 2 }, packet.Attachments[1].ToArray());
        Assert.Equal(new byte[] { 3, 3, 3 }, packet.Attachments[2].ToArray());
    }

    [Fact]
    public void Writes_the_attachment_count_before_namespace_and_ack_id()
    {
        using var builder = PacketBuilder.ForEvent("upload");
        builder.Write(new byte[] { 1 });
        builder.Write(new byte[] { 2 });

        Assert.Equal(
            "452-/files,9[\"upload\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
            builder.Build("/files", 9).ToString());
    }

    [Fact]
    public void Writes_a_multi_digit_attachment_count()
    {
        using var builder = PacketBuilder.ForEvent("many");
        for (var i = 0; i < 12; i++)
        {
            builder.Write(new[] { (byte)i });
        }

        var packet = builder.Build("/");

        Assert.StartsWith("4512-[\"many\",", packet.ToString(), StringComparison.Ordinal);
        Assert.Equal(12, packet.Attachments.Count);
        Assert.Equal(new byte[] { 11 }, packet.Attachments[11].ToArray());
    }

    [Fact]
    public void Encodes_a_binary_ack()
    {
        using var builder = PacketBuilder.ForAck();
        builder.Write(new byte[] { 9 });

        var packet = builder.Build("/nsp", 3);

        Assert.Equal("461-/nsp,3[{\"_placeholder\":true,\"num\":0}]", packet.ToString());
        Assert.Equal(new byte[] { 9 }, Assert.Single(packet.Attachments).ToArray());
    }

    [Fact]
    public void Treats_every_binary_type_as_an_attachment()
    {
        var bytes = new byte[] { 0, 1, 2, 3, 4 };
        using var builder = PacketBuilder.ForEvent("kinds");
        builder.Write(new ReadOnlyMemory<byte>(bytes, 0, 1));
        builder.Write(new Memory<byte>(bytes, 1, 1));
        builder.Write(new ArraySegment<byte>(bytes, 2, 1));
        builder.WriteObject(new byte[] { 3 });
        builder.WriteObject(new ReadOnlyMemory<byte>(bytes, 4, 1));
        builder.WriteBinary(new byte[] { 5 });

        var packet = builder.Build("/");

        Assert.StartsWith("456-[\"kinds\",", packet.ToString(), StringComparison.Ordinal);
        Assert.Equal(
            new byte[] { 0, 1, 2, 3, 4, 5 },
            packet.Attachments.Select(a => Assert.Single(a.ToArray())).ToArray());
    }

    [Fact]
    public void Sends_an_empty_byte_array_as_an_empty_attachment()
    {
        using var builder = PacketBuilder.ForEvent("empty");
        builder.Write(Array.Empty<byte>());

        var packet = builder.Build("/");

        Assert.Equal("451-[\"empty\",{\"_placeholder\":true,\"num\":0}]", packet.ToString());
        Assert.True(Assert.Single(packet.Attachments).IsEmpty);
    }

    [Fact]
    public void Writes_non_ascii_text_as_raw_utf8()
    {
        using var builder = PacketBuilder.ForEvent("café");
        builder.Write("é ñ 中文 ключ");

        var packet = builder.Build("/");

        Assert.Equal(Utf8("42[\"café\",\"é ñ 中文 ключ\"]"), packet.Frame.ToArray());
    }

    [Fact]
    public void Writes_html_sensitive_characters_unescaped()
    {
        using var builder = PacketBuilder.ForEvent("html");
        builder.Write("<b>&'+</b>");

        Assert.Equal("42[\"html\",\"<b>&'+</b>\"]", builder.Build("/").ToString());
    }

    [Fact]
    public void Escapes_what_json_requires()
    {
        using var builder = PacketBuilder.ForEvent("esc");
        builder.Write("q\" b\\ n\n t\t c\u0001");

        Assert.Equal("42[\"esc\",\"q\\\" b\\\\ n\\n t\\t c\\u0001\"]", builder.Build("/").ToString());
    }

    [Fact]
    public void Writes_emoji_as_raw_utf8()
    {
        using var builder = PacketBuilder.ForEvent("party 🎉");
        builder.Write("😀");
        builder.Write(new Dictionary<string, string> { ["🔑"] = "🎈" });

        var packet = builder.Build("/");

        Assert.Equal(Utf8("42[\"party 🎉\",\"😀\",{\"🔑\":\"🎈\"}]"), packet.Frame.ToArray());
    }

    [Fact]
    public void Writes_emoji_that_decode_back_to_the_same_text()
    {
        using var builder = PacketBuilder.ForEvent("party 🎉");
        builder.Write("😀");

        var packet = builder.Build("/");
        var decoded = DecodeFrame(packet);

        Assert.Equal("party 🎉", Text(decoded.EventName));
        Assert.Equal("😀", ArgumentsOf(packet).GetString(0));
    }

    [Fact]
    public void Writes_a_non_ascii_namespace_as_utf8()
    {
        Assert.Equal(Utf8("42/café,[\"e\"]"), Event("e", "/café").Frame.ToArray());
    }

    [Fact]
    public void Starts_clean_after_a_builder_is_disposed_and_rented_again()
    {
        using (var first = PacketBuilder.ForAck(new JsonSerializerOptions(SocketIOJson.DefaultOptions) { PropertyNamingPolicy = null }))
        {
            first.Write(new byte[] { 1 });
            first.Write("left over");
            first.Build("/chat", 4);
        }

        using var second = PacketBuilder.ForEvent("fresh");
        second.Write(new Point(1, 2));
        var packet = second.Build("/");

        Assert.Equal("42[\"fresh\",{\"x\":1,\"y\":2}]", packet.ToString());
        Assert.Empty(packet.Attachments);
        Assert.Same(SocketIOJson.DefaultOptions, second.SerializerOptions);
    }

    [Fact]
    public void Keeps_a_built_packet_intact_after_the_builder_is_reused()
    {
        OutgoingPacket first;
        using (var builder = PacketBuilder.ForEvent("one"))
        {
            builder.Write(new byte[] { 1 });
            first = builder.Build("/");
        }

        using (var builder = PacketBuilder.ForEvent("two"))
        {
            builder.Write(new byte[] { 2 });
            builder.Write("longer payload that overwrites the shared buffer");
            builder.Build("/other");
        }

        Assert.Equal("451-[\"one\",{\"_placeholder\":true,\"num\":0}]", first.ToString());
        Assert.Equal(new byte[] { 1 }, Assert.Single(first.Attachments).ToArray());
    }

    [Fact]
    public void Builds_independent_packets_on_parallel_threads()
    {
        var results = new string[64];
        Parallel.For(0, results.Length, i =>
        {
            using var builder = PacketBuilder.ForEvent("e" + i);
            builder.Write(i);
            results[i] = builder.Build("/").ToString();
        });

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal($"42[\"e{i}\",{i}]", results[i]);
        }
    }
}
