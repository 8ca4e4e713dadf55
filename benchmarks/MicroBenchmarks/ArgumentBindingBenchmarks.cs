using BenchmarkDotNet.Attributes;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.Benchmarks.Micro;

/// <summary>
/// Reading an event's arguments as generated dispatchers do, straight from UTF-8 JSON. Only the
/// user's own values may allocate (a string, a record); primitives allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class ArgumentBindingBenchmarks
{
    private Fixture _fixture = null!;
    private IncomingEvent _string;
    private IncomingEvent _primitives;
    private IncomingEvent _object;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new Fixture();
        _string = _fixture.Event("2[\"echo\"," + Fixture.Payload + "]");
        _primitives = _fixture.Event("2[\"score\",42,true,7]");
        _object = _fixture.Event("2[\"move\",{\"x\":1.5,\"y\":-2.25,\"zone\":\"north\"}]");
    }

    [Benchmark(Description = "bind string (64 B)")]
    public int String()
    {
        var reader = _string.Arguments.CreateReader();
        return reader.ReadNonNullString().Length;
    }

    [Benchmark(Description = "bind int + bool + long")]
    public long Primitives()
    {
        var reader = _primitives.Arguments.CreateReader();
        return reader.ReadInt32() + (reader.ReadBoolean() ? 1 : 0) + reader.ReadInt64();
    }

    [Benchmark(Description = "bind user record via JsonTypeInfo")]
    public double Object()
    {
        var reader = _object.Arguments.CreateReader();
        return reader.ReadNonNull(MicroJsonContext.Default.Position).X;
    }

    [Benchmark(Description = "bind JsonElement")]
    public int Element()
    {
        var reader = _object.Arguments.CreateReader();
        return reader.ReadElement().ValueKind == System.Text.Json.JsonValueKind.Object ? 1 : 0;
    }
}
