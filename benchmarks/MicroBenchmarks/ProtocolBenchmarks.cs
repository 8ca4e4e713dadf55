using System.Text;
using BenchmarkDotNet.Attributes;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Benchmarks.Micro;

/// <summary>
/// Packet parse and encode. Decoding validates the whole packet (UTF-8 and JSON) and must
/// allocate nothing: the result is slices of the input. Encoding allocates the frame it returns.
/// </summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private readonly byte[] _echo = Encoding.UTF8.GetBytes("2[\"echo\"," + Fixture.Payload + "]");
    private readonly byte[] _echoWithAck = Encoding.UTF8.GetBytes("2/chat,12345[\"echo\"," + Fixture.Payload + "]");
    private readonly byte[] _multiArgument = Encoding.UTF8.GetBytes("2/game,7[\"move\",{\"x\":1.5,\"y\":-2.25,\"zone\":\"north\"},42,true,\"reason\"]");
    private readonly byte[] _ack = Encoding.UTF8.GetBytes("3/chat,12345[" + Fixture.Payload + "]");
    private readonly byte[] _payload = Encoding.UTF8.GetBytes("[" + Fixture.Payload + "]");
    private readonly string _text = Fixture.Payload.Trim('"');
    private readonly Position _position = new(1.5, -2.25, "north");
    private readonly System.Text.Json.JsonSerializerOptions _options = CreateOptions();

    private static System.Text.Json.JsonSerializerOptions CreateOptions()
    {
        var options = SocketIOJson.CreateOptions();
        options.TypeInfoResolverChain.Insert(0, MicroJsonContext.Default);
        options.MakeReadOnly();
        return options;
    }

    [Benchmark(Description = "decode event header: 2[\"echo\",<64 B>]")]
    public long DecodeEvent() => SocketIOPacketDecoder.Decode(_echo).ArgumentCount;

    [Benchmark(Description = "decode event: namespace + ack id")]
    public long DecodeEventWithAck() => SocketIOPacketDecoder.Decode(_echoWithAck).AckId;

    [Benchmark(Description = "decode event: object + 3 args")]
    public long DecodeMultiArgument() => SocketIOPacketDecoder.Decode(_multiArgument).ArgumentCount;

    [Benchmark(Description = "decode ack")]
    public long DecodeAck() => SocketIOPacketDecoder.Decode(_ack).ArgumentCount;

    [Benchmark(Description = "encode header + payload (ack frame)")]
    public int EncodeAckFrame() => PacketHeader.Encode(SocketIOPacketType.Ack, "/", 12345, 0, _payload).Length;

    [Benchmark(Description = "PacketBuilder: ack with a string")]
    public int BuildAckString()
    {
        using var builder = PacketBuilder.ForAck(_options);
        builder.Json.WriteStringValue(_text);
        return builder.Build("/", 12345).Frame.Length;
    }

    [Benchmark(Description = "PacketBuilder: event with a user type")]
    public int BuildEventObject()
    {
        using var builder = PacketBuilder.ForEvent("moved", _options);
        builder.Json.WriteStringValue("player-1");
        builder.Write(_position, MicroJsonContext.Default.Position);
        return builder.Build("/game").Frame.Length;
    }
}
