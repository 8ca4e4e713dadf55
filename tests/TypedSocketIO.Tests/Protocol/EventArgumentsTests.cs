using System.Text.Json;
using TypedSocketIO.Dispatch;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

public class EventArgumentsTests
{
    private static readonly EventArguments Mixed = ArgumentsOf(
        "51-[\"e\",\"text\",42,{\"x\":1,\"y\":2},null,{\"_placeholder\":true,\"num\":0},[1,2,3],true,\"\\u00e9\\n\"]",
        [0xCA, 0xFE]);

    [Fact]
    public void Counts_the_arguments_after_the_event_name()
    {
        Assert.Equal(8, Mixed.Count);
        Assert.Equal(2, ArgumentsOf("2[\"e\",1,2]").Count);
    }

    [Fact]
    public void Counts_every_argument_of_an_ack()
    {
        Assert.Equal(3, ArgumentsOf("31[1,2,3]").Count);
    }

    [Fact]
    public void Has_no_arguments_when_empty()
    {
        Assert.Equal(0, EventArguments.Empty.Count);
        Assert.Equal(0, EventArguments.Empty.AttachmentCount);
        Assert.Equal("[]", EventArguments.Empty.ToString());
    }

    [Fact]
    public void Reads_a_string()
    {
        Assert.Equal("text", Mixed.GetString(0));
    }

    [Fact]
    public void Reads_an_escaped_string_unescaped()
    {
        Assert.Equal("é\n", Mixed.GetString(7));
    }

    [Fact]
    public void Reads_json_null_as_a_null_string()
    {
        Assert.Null(Mixed.GetString(3));
    }

    [Fact]
    public void Reads_an_int()
    {
        Assert.Equal(42, Mixed.Get<int>(1));
    }

    [Fact]
    public void Reads_numbers_as_other_numeric_types()
    {
        Assert.Equal(42L, Mixed.Get<long>(1));
        Assert.Equal(42.0, Mixed.Get<double>(1));
        Assert.Equal(42m, Mixed.Get<decimal>(1));
    }

    [Fact]
    public void Reads_a_record()
    {
        Assert.Equal(new Point(1, 2), Mixed.Get<Point>(2));
    }

    [Fact]
    public void Reads_a_record_with_explicit_type_info()
    {
        var typeInfo = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Point>)SocketIOJson.DefaultOptions.GetTypeInfo(typeof(Point));

        Assert.Equal(new Point(1, 2), Mixed.Get(2, typeInfo));
    }

    [Fact]
    public void Reads_a_record_whose_properties_differ_in_case()
    {
        var args = ArgumentsOf("2[\"e\",{\"X\":3,\"Y\":4}]");

        Assert.Equal(new Point(3, 4), args.Get<Point>(0));
    }

    [Fact]
    public void Reads_null_as_a_null_record()
    {
        Assert.Null(Mixed.Get<Point>(3));
    }

    [Fact]
    public void Reads_collections_and_booleans()
    {
        Assert.Equal(new[] { 1, 2, 3 }, Mixed.Get<int[]>(5));
        Assert.Equal(new[] { 1, 2, 3 }, Mixed.Get<List<int>>(5));
        Assert.True(Mixed.Get<bool>(6));
    }

    [Fact]
    public void Returns_an_element_for_any_argument()
    {
        Assert.Equal(JsonValueKind.String, Mixed.GetElement(0).ValueKind);
        Assert.Equal(JsonValueKind.Number, Mixed.GetElement(1).ValueKind);
        Assert.Equal(2, Mixed.GetElement(2).GetProperty("y").GetInt32());
        Assert.Equal(JsonValueKind.Null, Mixed.GetElement(3).ValueKind);
        Assert.Equal(JsonValueKind.Object, Mixed.GetElement(4).ValueKind);
        Assert.Equal(3, Mixed.GetElement(5).GetArrayLength());
        Assert.Equal(JsonValueKind.True, Mixed.GetElement(6).ValueKind);
    }

    [Fact]
    public void Returns_the_raw_json_of_each_argument()
    {
        Assert.Equal("\"text\"", Text(Mixed.GetRawJson(0)));
        Assert.Equal("42", Text(Mixed.GetRawJson(1)));
        Assert.Equal("{\"x\":1,\"y\":2}", Text(Mixed.GetRawJson(2)));
        Assert.Equal("null", Text(Mixed.GetRawJson(3)));
        Assert.Equal("[1,2,3]", Text(Mixed.GetRawJson(5)));
        Assert.Equal("\"\\u00e9\\n\"", Text(Mixed.GetRawJson(7)));
    }

    [Fact]
    public void Returns_raw_json_without_the_surrounding_whitespace()
    {
        var args = ArgumentsOf("2[ \"e\" , { \"a\" : 1 } , 2 ]");

        Assert.Equal("{ \"a\" : 1 }", Text(args.GetRawJson(0)));
        Assert.Equal("2", Text(args.GetRawJson(1)));
    }

    [Fact]
    public void Tells_binary_arguments_from_others()
    {
        Assert.True(Mixed.IsBinary(4));
        Assert.False(Mixed.IsBinary(0));
        Assert.False(Mixed.IsBinary(2));
        Assert.False(Mixed.IsBinary(3));
    }

    [Fact]
    public void Returns_the_bytes_of_a_binary_argument()
    {
        Assert.Equal(new byte[] { 0xCA, 0xFE }, Mixed.GetBytes(4).ToArray());
        Assert.Equal(new byte[] { 0xCA, 0xFE }, Mixed.Get<byte[]>(4));
        Assert.Equal(new byte[] { 0xCA, 0xFE }, Mixed.Get<ReadOnlyMemory<byte>>(4).ToArray());
        Assert.Equal(1, Mixed.AttachmentCount);
        Assert.Equal(new byte[] { 0xCA, 0xFE }, Mixed.GetAttachment(0).ToArray());
    }

    [Fact]
    public void Finds_attachments_by_their_placeholder_number()
    {
        var args = ArgumentsOf(
            "52-[\"e\",{\"_placeholder\":true,\"num\":1},{\"num\":0,\"_placeholder\":true}]",
            [1], [2]);

        Assert.Equal(new byte[] { 2 }, args.GetBytes(0).ToArray());
        Assert.Equal(new byte[] { 1 }, args.GetBytes(1).ToArray());
    }

    [Fact]
    public void Refuses_the_bytes_of_an_argument_that_is_not_binary()
    {
        Assert.Throws<InvalidOperationException>(() => Mixed.GetBytes(0));
        Assert.Throws<InvalidOperationException>(() => Mixed.GetBytes(2));
        Assert.Throws<InvalidOperationException>(() => Mixed.Get<byte[]>(1));
    }

    [Theory]
    [InlineData("{\"_placeholder\":false,\"num\":0}")]
    [InlineData("{\"_placeholder\":\"true\",\"num\":0}")]
    [InlineData("{\"num\":0}")]
    public void Does_not_take_a_look_alike_object_for_a_placeholder(string json)
    {
        var args = ArgumentsOf("51-[\"e\"," + json + ",{\"_placeholder\":true,\"num\":0}]", [1]);

        Assert.False(args.IsBinary(0));
        Assert.Throws<InvalidOperationException>(() => args.GetBytes(0));
        Assert.True(args.IsBinary(1));
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("-1")]
    [InlineData("0.5")]
    public void A_text_event_carries_placeholder_look_alikes_as_plain_data(string num)
    {
        // Without attachments nothing is binary; the binary packets that carry these are refused (see the decoder tests).
        var json = "{\"_placeholder\":true,\"num\":" + num + "}";
        var args = ArgumentsOf("2[\"e\"," + json + "]");

        Assert.False(args.IsBinary(0));
        Assert.Equal(json, Text(args.GetRawJson(0)));
    }

    [Fact]
    public void Reading_bytes_from_a_placeholder_with_a_string_num_throws_ArgumentBindingException()
    {
        var args = ArgumentsOf("2[\"e\",{\"_placeholder\":true,\"num\":\"0\"}]");

        Assert.Throws<ArgumentBindingException>(() =>
        {
            var reader = args.CreateReader();
            reader.ReadBytes();
        });
    }

    [Fact]
    public void Reading_bytes_from_an_argument_that_is_not_binary_throws_ArgumentBindingException()
    {
        var args = ArgumentsOf("51-[\"e\",\"text\",{\"x\":1},{\"_placeholder\":true,\"num\":0}]", [1]);

        var first = Assert.Throws<ArgumentBindingException>(() =>
        {
            var reader = args.CreateReader();
            reader.ReadBytes();
        });
        var second = Assert.Throws<ArgumentBindingException>(() =>
        {
            var reader = args.CreateReader();
            reader.ReadString();
            reader.ReadBytes();
        });

        Assert.Equal(0, first.Index);
        Assert.Equal(1, second.Index);
    }

    [Fact]
    public void Reads_bytes_with_a_reader()
    {
        var args = ArgumentsOf("51-[\"e\",{\"_placeholder\":true,\"num\":0}]", [1, 2]);
        var reader = args.CreateReader();

        Assert.Equal(new byte[] { 1, 2 }, reader.ReadBytes());
    }

    [Fact]
    public void Refuses_a_placeholder_when_no_attachment_arrived()
    {
        var args = ArgumentsOf("2[\"e\",{\"_placeholder\":true,\"num\":0}]");

        Assert.Throws<InvalidOperationException>(() => args.GetBytes(0));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    [InlineData(100)]
    [InlineData(int.MinValue)]
    public void Throws_ArgumentOutOfRangeException_for_an_index_outside_the_arguments(int index)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixed.GetString(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixed.Get<int>(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixed.GetElement(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixed.GetRawJson(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixed.IsBinary(index));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mixed.GetBytes(index));
    }

    [Fact]
    public void Throws_ArgumentOutOfRangeException_for_any_index_of_empty_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EventArguments.Empty.GetString(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArgumentsOf("2[\"e\"]").GetRawJson(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArgumentsOf("31[]").GetElement(0));
    }

    [Fact]
    public void Throws_a_json_exception_for_a_value_of_the_wrong_type()
    {
        Assert.Throws<JsonException>(() => Mixed.Get<int>(0));
        Assert.Throws<JsonException>(() => Mixed.Get<Point>(5));
    }

    [Fact]
    public void Prints_the_arguments_as_a_json_array()
    {
        Assert.Equal("[1,\"a\",{\"b\":null}]", ArgumentsOf("2/chat,3[\"e\",1,\"a\",{\"b\":null}]").ToString());
        Assert.Equal("[\"ok\"]", ArgumentsOf("31[\"ok\"]").ToString());
    }

    [Fact]
    public void Reads_arguments_in_order_with_a_reader()
    {
        var args = ArgumentsOf("2[\"e\",\"s\",7,12345678901]");
        var reader = args.CreateReader();

        Assert.True(reader.HasNext);
        Assert.Equal("s", reader.ReadString());
        Assert.Equal(7, reader.ReadInt32());
        Assert.Equal(12345678901L, reader.ReadInt64());
        Assert.False(reader.HasNext);
    }

    [Fact]
    public void Reads_arguments_of_an_event_whose_name_is_escaped_or_numeric()
    {
        Assert.Equal("v", ArgumentsOf("2[\"\\u0041\\\"\",\"v\"]").GetString(0));
        Assert.Equal("v", ArgumentsOf("2[-1.5e3,\"v\"]").GetString(0));
    }
}
