using TypedSocketIO.Protocol;

namespace TypedSocketIO.Tests.Protocol;

public class SmokeTests
{
    [Fact]
    public void Decodes_an_event_with_namespace_and_ack_id()
    {
        var packet = SocketIOPacketDecoder.Decode("2/chat,7[\"hello\",1]"u8.ToArray());
        Assert.Equal(SocketIOPacketType.Event, packet.Type);
        Assert.Equal("/chat", System.Text.Encoding.UTF8.GetString(packet.Namespace.Span));
        Assert.Equal(7, packet.AckId);
        Assert.Equal(1, packet.ArgumentCount);
    }
}
