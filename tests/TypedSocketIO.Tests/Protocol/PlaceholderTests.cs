using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>
/// The placeholders of a binary packet, checked by the decoder as Node's parser checks them when it
/// puts the attachments back: each names one attachment, none twice, and every attachment is named.
/// </summary>
public class PlaceholderTests
{
    private const string P0 = "{\"_placeholder\":true,\"num\":0}";
    private const string P1 = "{\"_placeholder\":true,\"num\":1}";
    private const string P2 = "{\"_placeholder\":true,\"num\":2}";

    public static TheoryData<string, int> Valid => new()
    {
        { "51-[\"e\"," + P0 + "]", 1 },
        { "52-[\"e\"," + P1 + "," + P0 + "]", 2 },
        { "53-[\"e\",{\"a\":[" + P2 + ",{\"b\":" + P0 + "}]},[[\"x\"," + P1 + "]]]", 3 },
        { "53-/chat,7[\"e\",{\"_placeholder\":false,\"num\":0,\"p\":" + P1 + "}," + P2 + "," + P0 + "]", 3 },
        { "62-7[" + P1 + ",{\"x\":" + P0 + "}]", 2 },
        { "51-[\"e\",{\"num\":0,\"_placeholder\":true}]", 1 },
        { "51-[\"e\",{\"\\u005fplaceholder\":true,\"n\\u0075m\":0}]", 1 },
        { "51-[\"e\",{\"_placeholder\":true,\"num\":0,\"extra\":[1,{\"a\":null}]}]", 1 },
        { "51-[\"e\",{ \"_placeholder\" : true , \"num\" : 0 }]", 1 },
        { "51-[\"e\",{\"\\ud800\":1,\"_placeholder\":true,\"num\":0}]", 1 },
        { "51-[\"e\",{\"_placeholder\":false},{\"_placeholder\":\"true\",\"num\":0},{\"num\":0}," + P0 + "]", 1 }, // look-alikes are data
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Accepts_placeholders_that_name_each_attachment_once_in_any_order_and_nesting(string packet, int attachments)
    {
        Assert.Equal(attachments, Decode(packet).AttachmentCount);
    }

    public static TheoryData<string> Illegal => new()
    {
        "51-[\"e\",{\"_placeholder\":true,\"num\":1}]", // past the last attachment
        "51-[\"e\",{\"_placeholder\":true,\"num\":-1}]",
        "50-[\"e\"," + P0 + "]", // no attachment at all
        "52-[\"e\"," + P0 + "," + P0 + "," + P1 + "]", // attachment 0 named twice
        "52-[\"e\"," + P0 + "]", // attachment 1 never named
        "51-[\"e\"]",
        "51-[\"e\",{\"_placeholder\":true}]", // no num
        "51-[\"e\",{\"_placeholder\":true,\"num\":\"0\"}]",
        "51-[\"e\",{\"_placeholder\":true,\"num\":0.5}]",
        "51-[\"e\",{\"_placeholder\":true,\"num\":null}]",
        "51-[\"e\",{\"_placeholder\":true,\"num\":true}]",
        "51-[\"e\",{\"_placeholder\":true,\"num\":[0]}]",
        "51-[\"e\",{\"_placeholder\":true,\"num\":{}}]",
        "51-[\"e\",{\"_placeholder\":true,\"num\":2147483648}]",
        "51-[\"e\",{\"_placeholder\":true,\"num\":0,\"_placeholder\":false}]", // readers disagree on which key wins
        "51-[\"e\",{\"_placeholder\":true,\"num\":0,\"num\":0}]",
        "51-[\"e\",{\"_placeholder\":false,\"num\":0,\"_placeholder\":true}]", // the same, the other way round
        "52-[\"e\"," + P0 + ",{\"_placeholder\":true,\"num\":\"1\"}]", // a string num, though attachment 1 is free
        "51-[\"e\",{\"a\":[1,{\"b\":{\"_placeholder\":true,\"num\":3}}]}]",
        "51-[\"e\",{\"_placeholder\":true,\"num\":0,\"x\":" + P0 + "}]",
        "51-[\"e\",{\"\\ud800\":true,\"num\":0}]", // not a placeholder: attachment 0 never named
        "61-1[" + P1 + "]",
        "62-1[" + P0 + "]",
    };

    [Theory]
    [MemberData(nameof(Illegal))]
    public void Refuses_placeholders_that_do_not_name_each_attachment_exactly_once(string packet)
    {
        var error = Assert.Throws<ProtocolException>(() => Decode(packet));

        Assert.Equal("illegal attachments", error.Message);
    }

    [Theory]
    [InlineData("2[\"e\",{\"_placeholder\":true,\"num\":9}]", 1)]
    [InlineData("2[\"e\",{\"_placeholder\":true}]", 1)]
    [InlineData("31[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]", 2)]
    public void Leaves_placeholder_look_alikes_in_text_packets_alone(string packet, int arguments)
    {
        // As Node does: only binary packets have their placeholders replaced, so only theirs are checked.
        Assert.Equal(arguments, Decode(packet).ArgumentCount);
    }

    [Fact]
    public void Finds_a_placeholder_nested_as_deep_as_the_depth_limit_allows()
    {
        // The event array, 30 objects, and the placeholder itself: 32 levels.
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 30)) + P0 + new string('}', 30);

        Assert.Equal(1, Decode("51-[\"e\"," + nested + "]").ArgumentCount);
        Assert.Throws<ProtocolException>(() => Decode("51-[\"e\",[" + nested + "]]"));
    }

    [Fact]
    public void Finds_placeholders_under_the_readers_default_depth_when_the_limit_is_zero()
    {
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 60)) + P0 + new string('}', 60);

        Assert.Equal(1, Decode("51-[\"e\"," + nested + "]", maxDepth: 0).ArgumentCount);
    }

    [Fact]
    public void Finds_a_placeholder_deeper_than_64_objects_when_the_depth_limit_allows_it()
    {
        // The event array, 70 objects, and the placeholder itself: 72 levels.
        var packet = "51-[\"e\"," + string.Concat(Enumerable.Repeat("{\"a\":", 70)) + P0 + new string('}', 70) + "]";

        Assert.Equal(1, Decode(packet, maxDepth: 100).ArgumentCount);
        Assert.Equal("malformed JSON in EVENT", Assert.Throws<ProtocolException>(() => Decode(packet, maxDepth: 71)).Message);
    }

    [Fact]
    public void Checks_placeholders_against_a_large_attachment_count()
    {
        var packet = "5100-[\"e\"," + string.Join(",", Enumerable.Range(0, 100).Reverse().Select(n => $"{{\"_placeholder\":true,\"num\":{n}}}")) + "]";

        Assert.Equal(100, Decode(packet, maxAttachments: 100).ArgumentCount);
        Assert.Throws<ProtocolException>(() => Decode(packet.Replace("\"num\":57}", "\"num\":58}"), maxAttachments: 100));
    }
}
