using System.Text;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.Benchmarks.Micro;

/// <summary>
/// One event with very many arguments, through what the server does with it: decode, read every
/// argument by index (as a delegate handler reads <c>e.Arguments.Get&lt;int&gt;(i)</c>), relay them
/// all (<c>PacketBuilder.WriteArguments</c>, as <c>socket.Broadcast.EmitAsync(name, e.Arguments)</c>
/// does). The time per argument must stay flat from 1 000 to 100 000 arguments.
/// </summary>
[MemoryDiagnoser]
public class ManyArgumentsBenchmarks
{
    private static readonly JsonTypeInfo<int> Int32 = (JsonTypeInfo<int>)SocketIOJson.DefaultOptions.GetTypeInfo(typeof(int));

    private byte[] _packet = [];

    [Params(1_000, 10_000, 100_000)]
    public int Arguments { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var text = new StringBuilder("2[\"relay\"");
        for (var i = 0; i < Arguments; i++)
        {
            text.Append(',').Append(i % 10);
        }

        _packet = Encoding.UTF8.GetBytes(text.Append(']').ToString());
    }

    [Benchmark(Description = "decode + read each argument by index + relay all")]
    public int DecodeReadRelay()
    {
        var packet = SocketIOPacketDecoder.Decode(_packet, maxArguments: Arguments);
        var arguments = EventArguments.Of(packet, null, SocketIOJson.DefaultOptions);
        var sum = 0;
        for (var i = 0; i < arguments.Count; i++)
        {
            sum += arguments.Get(i, Int32);
        }

        using var builder = PacketBuilder.ForEvent("relay");
        builder.WriteArguments(arguments);
        return sum + builder.Build("/").Frame.Length;
    }
}
