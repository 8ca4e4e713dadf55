using TypedSocketIO.Dispatch;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>Received arguments written back out whole, as a relay or an echo does.</summary>
public class WriteArgumentsTests
{
    private const string Placeholder0 = "{\"_placeholder\":true,\"num\":0}";
    private const string Placeholder1 = "{\"_placeholder\":true,\"num\":1}";
    private const string Placeholder2 = "{\"_placeholder\":true,\"num\":2}";

    [Fact]
    public void Splices_received_event_arguments_without_attachments()
    {
        var args = ArgumentsOf("2/chat,4[\"in\",\"a\",{\"b\":[1,2]},null,3.5]");
        using var builder = PacketBuilder.ForEvent("out");

        builder.WriteArguments(args);

        var packet = builder.Build("/");
        Assert.Equal("42[\"out\",\"a\",{\"b\":[1,2]},null,3.5]", packet.ToString());
        Assert.Empty(packet.Attachments);
    }

    [Fact]
    public void Splices_the_raw_json_byte_for_byte()
    {
        var args = ArgumentsOf("2[\"in\", { \"b\" : \"\\u00e9\" } ,\"é\"]");
        using var builder = PacketBuilder.ForEvent("out");

        builder.WriteArguments(args);

        Assert.Equal(Utf8("42[\"out\",{ \"b\" : \"\\u00e9\" },\"é\"]"), builder.Build("/").Frame.ToArray());
    }

    [Fact]
    public void Splices_received_ack_arguments()
    {
        var args = ArgumentsOf("3/chat,9[\"ok\",[1]]");
        using var builder = PacketBuilder.ForAck();

        builder.WriteArguments(args);

        Assert.Equal("439[\"ok\",[1]]", builder.Build("/", 9).ToString());
    }

    [Fact]
    public void Splices_arguments_after_ones_already_written()
    {
        var args = ArgumentsOf("2[\"in\",1,2]");
        using var builder = PacketBuilder.ForEvent("out");
        builder.Write("first");

        builder.WriteArguments(args);
        builder.Write("last");

        Assert.Equal("42[\"out\",\"first\",1,2,\"last\"]", builder.Build("/").ToString());
    }

    [Fact]
    public void Splices_nothing_for_empty_arguments()
    {
        using var builder = PacketBuilder.ForEvent("out");

        builder.WriteArguments(EventArguments.Empty);
        builder.WriteArguments(ArgumentsOf("2[\"in\"]"));

        Assert.Equal("42[\"out\"]", builder.Build("/").ToString());
    }

    [Fact]
    public void Splices_received_arguments_with_their_attachments()
    {
        var args = ArgumentsOf("51-[\"in\",\"name\"," + Placeholder0 + "]", [1, 2, 3]);
        using var builder = PacketBuilder.ForEvent("out");

        builder.WriteArguments(args);

        var packet = builder.Build("/");
        Assert.Equal("451-[\"out\",\"name\"," + Placeholder0 + "]", packet.ToString());
        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.Single(packet.Attachments).ToArray());
    }

    [Fact]
    public void Renumbers_placeholders_after_attachments_the_builder_already_holds()
    {
        var args = ArgumentsOf("52-[\"in\"," + Placeholder0 + ",{\"nested\":[" + Placeholder1 + "]}]", [10], [11]);
        using var builder = PacketBuilder.ForEvent("out");
        builder.Write(new byte[] { 9 });

        builder.WriteArguments(args);

        var packet = builder.Build("/relay", 5);
        Assert.Equal(
            "453-/relay,5[\"out\"," + Placeholder0 + "," + Placeholder1 + ",{\"nested\":[" + Placeholder2 + "]}]",
            packet.ToString());
        Assert.Equal(
            new byte[][] { [9], [10], [11] },
            packet.Attachments.Select(a => a.ToArray()).ToArray());
    }

    [Fact]
    public void Renumbers_placeholders_in_the_order_they_point_to_not_the_order_they_appear()
    {
        var args = ArgumentsOf("52-[\"in\"," + Placeholder1 + "," + Placeholder0 + "]", [10], [11]);
        using var builder = PacketBuilder.ForEvent("out");
        builder.Write(new byte[] { 9 });

        builder.WriteArguments(args);

        var relayed = ArgumentsOf(builder.Build("/"));
        Assert.Equal(new byte[] { 9 }, relayed.GetBytes(0).ToArray());
        Assert.Equal(new byte[] { 11 }, relayed.GetBytes(1).ToArray());
        Assert.Equal(new byte[] { 10 }, relayed.GetBytes(2).ToArray());
    }

    [Fact]
    public void Keeps_other_values_intact_while_renumbering()
    {
        var args = ArgumentsOf(
            "51-[\"in\",{\"s\":\"é\\\"\",\"n\":-1.5e3,\"b\":false,\"z\":null,\"a\":[],\"o\":{}," +
            "\"p\":{\"_placeholder\":false,\"num\":0}}," + Placeholder0 + "]",
            [1]);
        using var builder = PacketBuilder.ForEvent("out");
        builder.Write(new byte[] { 0 });

        builder.WriteArguments(args);

        var relayed = ArgumentsOf(builder.Build("/"));
        Assert.Equal(3, relayed.Count);
        var obj = relayed.GetElement(1);
        Assert.Equal("é\"", obj.GetProperty("s").GetString());
        Assert.Equal(-1500, obj.GetProperty("n").GetDouble());
        Assert.False(obj.GetProperty("b").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, obj.GetProperty("z").ValueKind);
        Assert.Equal(0, obj.GetProperty("a").GetArrayLength());
        Assert.Equal(0, obj.GetProperty("p").GetProperty("num").GetInt32());
        Assert.False(relayed.IsBinary(1));
        Assert.Equal(new byte[] { 1 }, relayed.GetBytes(2).ToArray());
    }

    [Fact]
    public void Relays_a_look_alike_placeholder_unchanged()
    {
        // "_placeholder" must be true for a placeholder; with true, a string num would be illegal (see the decoder tests).
        var args = ArgumentsOf("51-[\"in\",{\"_placeholder\":\"true\",\"num\":\"0\"}," + Placeholder0 + "]", [1]);
        using var builder = PacketBuilder.ForEvent("out");

        builder.WriteArguments(args);

        Assert.Equal(
            "451-[\"out\",{\"_placeholder\":\"true\",\"num\":\"0\"}," + Placeholder0 + "]",
            builder.Build("/").ToString());
    }

    [Fact]
    public void Splices_event_arguments_passed_as_an_object()
    {
        var args = ArgumentsOf("51-[\"in\"," + Placeholder0 + "]", [5]);
        using var builder = PacketBuilder.ForEvent("out");
        builder.Write(new byte[] { 4 });

        builder.WriteObject(args);

        var packet = builder.Build("/");
        Assert.Equal("452-[\"out\"," + Placeholder0 + "," + Placeholder1 + "]", packet.ToString());
        Assert.Equal(new byte[] { 5 }, packet.Attachments[1].ToArray());
    }

    [Fact]
    public void Splices_binary_ack_arguments_into_a_binary_ack()
    {
        var args = ArgumentsOf("61-/nsp,3[" + Placeholder0 + ",\"x\"]", [8, 8]);
        using var builder = PacketBuilder.ForAck();

        builder.WriteArguments(args);

        var packet = builder.Build("/nsp", 3);
        Assert.Equal("461-/nsp,3[" + Placeholder0 + ",\"x\"]", packet.ToString());
        Assert.Equal(new byte[] { 8, 8 }, Assert.Single(packet.Attachments).ToArray());
    }
}
