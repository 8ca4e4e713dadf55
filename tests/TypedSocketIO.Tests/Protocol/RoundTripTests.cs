using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;
using static TypedSocketIO.Tests.Protocol.Wire;

namespace TypedSocketIO.Tests.Protocol;

/// <summary>What <see cref="PacketBuilder"/> builds, <see cref="SocketIOPacketDecoder"/> reads back unchanged.</summary>
public class RoundTripTests
{
    [Theory]
    [InlineData("/", -1L)]
    [InlineData("/", 0L)]
    [InlineData("/chat", -1L)]
    [InlineData("/chat", 7L)]
    [InlineData("/café", 123456789L)]
    [InlineData("/a/b", 9007199254740991L)]
    public void Round_trips_an_event(string nsp, long ackId)
    {
        using var builder = PacketBuilder.ForEvent("update");
        builder.Write("é 😀 \"quoted\"");
        builder.Write(42);
        builder.Write(new Point(1, -2));
        builder.WriteObject(null);

        var packet = DecodeFrame(builder.Build(nsp, ackId));
        var args = ArgumentsOf(packet);

        Assert.Equal(SocketIOPacketType.Event, packet.Type);
        Assert.Equal(nsp, Text(packet.Namespace));
        Assert.Equal(ackId, packet.AckId);
        Assert.Equal("update", Text(packet.EventName));
        Assert.Equal(4, args.Count);
        Assert.Equal("é 😀 \"quoted\"", args.GetString(0));
        Assert.Equal(42, args.Get<int>(1));
        Assert.Equal(new Point(1, -2), args.Get<Point>(2));
        Assert.Equal("null", Text(args.GetRawJson(3)));
        Assert.Null(args.GetString(3));
    }

    [Theory]
    [InlineData("/", 0L)]
    [InlineData("/chat", 7L)]
    [InlineData("/chat", 9007199254740991L)]
    public void Round_trips_an_ack(string nsp, long ackId)
    {
        using var builder = PacketBuilder.ForAck();
        builder.Write("ok");
        builder.Write(new[] { 1, 2 });

        var packet = DecodeFrame(builder.Build(nsp, ackId));
        var args = ArgumentsOf(packet);

        Assert.Equal(SocketIOPacketType.Ack, packet.Type);
        Assert.Equal(nsp, Text(packet.Namespace));
        Assert.Equal(ackId, packet.AckId);
        Assert.Equal(2, args.Count);
        Assert.Equal("ok", args.GetString(0));
        Assert.Equal("[1,2]", Text(args.GetRawJson(1)));
        Assert.Equal(new[] { 1, 2 }, args.Get<int[]>(1));
    }

    [Fact]
    public void Round_trips_an_empty_ack()
    {
        using var builder = PacketBuilder.ForAck();

        var packet = DecodeFrame(builder.Build("/", 1));

        Assert.Equal(SocketIOPacketType.Ack, packet.Type);
        Assert.Equal(0, packet.ArgumentCount);
        Assert.Equal(0, ArgumentsOf(packet).Count);
    }

    [Theory]
    [InlineData("/", -1L)]
    [InlineData("/files", 3L)]
    public void Round_trips_a_binary_event(string nsp, long ackId)
    {
        using var builder = PacketBuilder.ForEvent("upload");
        builder.Write("name.bin");
        builder.Write(new byte[] { 1, 2, 3 });
        builder.Write(new byte[] { 4 });

        var outgoing = builder.Build(nsp, ackId);
        var packet = DecodeFrame(outgoing);
        var args = ArgumentsOf(outgoing);

        Assert.Equal(SocketIOPacketType.BinaryEvent, packet.Type);
        Assert.Equal(2, packet.AttachmentCount);
        Assert.Equal(nsp, Text(packet.Namespace));
        Assert.Equal(ackId, packet.AckId);
        Assert.Equal("upload", Text(packet.EventName));
        Assert.Equal(3, args.Count);
        Assert.Equal("name.bin", args.GetString(0));
        Assert.False(args.IsBinary(0));
        Assert.True(args.IsBinary(1));
        Assert.Equal(new byte[] { 1, 2, 3 }, args.GetBytes(1).ToArray());
        Assert.Equal(new byte[] { 4 }, args.Get<byte[]>(2));
    }

    [Fact]
    public void Round_trips_a_binary_ack()
    {
        using var builder = PacketBuilder.ForAck();
        builder.Write(new byte[] { 7, 7 });

        var outgoing = builder.Build("/nsp", 3);
        var packet = DecodeFrame(outgoing);
        var args = ArgumentsOf(outgoing);

        Assert.Equal(SocketIOPacketType.BinaryAck, packet.Type);
        Assert.Equal(1, packet.AttachmentCount);
        Assert.Equal("/nsp", Text(packet.Namespace));
        Assert.Equal(3, packet.AckId);
        Assert.Equal(new byte[] { 7, 7 }, args.GetBytes(0).ToArray());
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("with space")]
    [InlineData("quote\" back\\slash")]
    [InlineData("line\nbreak\ttab")]
    [InlineData("é")]
    [InlineData("中文")]
    [InlineData("🎉😀")]
    [InlineData("<script>&amp;</script>")]
    [InlineData("\u0000\u001f")]
    public void Round_trips_an_event_name(string name)
    {
        using var builder = PacketBuilder.ForEvent(name);

        var packet = DecodeFrame(builder.Build("/"));

        Assert.Equal(name, Text(packet.EventName));
    }

    [Fact]
    public void Round_trips_a_nested_object_raw_json()
    {
        using var document = System.Text.Json.JsonDocument.Parse("{\"a\":[1,{\"b\":\"c\"}],\"d\":null}");
        using var builder = PacketBuilder.ForEvent("e");
        builder.WriteObject(document.RootElement);

        var args = ArgumentsOf(DecodeFrame(builder.Build("/")));

        Assert.Equal("{\"a\":[1,{\"b\":\"c\"}],\"d\":null}", Text(args.GetRawJson(0)));
        Assert.Equal("c", args.GetElement(0).GetProperty("a")[1].GetProperty("b").GetString());
    }
}
