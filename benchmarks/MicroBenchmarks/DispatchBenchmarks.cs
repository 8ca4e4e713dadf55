using BenchmarkDotNet.Attributes;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.Benchmarks.Micro;

/// <summary>
/// One event through the generated dispatcher (a switch on the UTF-8 name, arguments bound
/// straight from the JSON) against a reflection dispatcher written the way python-socketio
/// dispatches (<c>getattr(self, "on_" + event)</c> at run time). Both call the same handler
/// methods on the same instance. Events with an ack also encode the answer and queue it on
/// the socket (the queue is drained in the same operation, as the transport would).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DispatchBenchmarks
{
    private Fixture _fixture = null!;
    private ReflectionDispatcher _reflection = null!;
    private IncomingEvent _notify;
    private IncomingEvent _echo;
    private IncomingEvent _score;
    private IncomingEvent _move;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new Fixture();
        _reflection = new ReflectionDispatcher(_fixture.Namespace, _fixture.Server.JsonOptions);
        _notify = _fixture.Event("2[\"notify\"," + Fixture.Payload + "]");
        _echo = _fixture.Event("212345[\"echo\"," + Fixture.Payload + "]");
        _score = _fixture.Event("212345[\"score\",42,true,\"goal\"]");
        _move = _fixture.Event("2[\"move\",{\"x\":1.5,\"y\":-2.25,\"zone\":\"north\"}]");

        // Both dispatchers must reach the handler, and the acks must be the same bytes.
        foreach (var incoming in new[] { _notify, _echo, _score, _move })
        {
            if (!_fixture.Handler.TryDispatch(_fixture.Socket, incoming, out _) || !_reflection.TryDispatch(_fixture.Socket, incoming, out _))
            {
                throw new InvalidOperationException("an event was not dispatched: " + incoming.Name);
            }
        }

        _fixture.Drain();
    }

    [Benchmark(Baseline = true, Description = "generated: notify(string), no ack")]
    [BenchmarkCategory("notify")]
    public bool GeneratedNotify() => _fixture.Handler.TryDispatch(_fixture.Socket, _notify, out _);

    [Benchmark(Description = "reflection: notify(string), no ack")]
    [BenchmarkCategory("notify")]
    public bool ReflectionNotify() => _reflection.TryDispatch(_fixture.Socket, _notify, out _);

    [Benchmark(Baseline = true, Description = "generated: move(Socket, Position), no ack")]
    [BenchmarkCategory("move")]
    public bool GeneratedMove() => _fixture.Handler.TryDispatch(_fixture.Socket, _move, out _);

    [Benchmark(Description = "reflection: move(Socket, Position), no ack")]
    [BenchmarkCategory("move")]
    public bool ReflectionMove() => _reflection.TryDispatch(_fixture.Socket, _move, out _);

    [Benchmark(Baseline = true, Description = "generated: echo(string) → ack")]
    [BenchmarkCategory("echo")]
    public int GeneratedEcho()
    {
        _fixture.Handler.TryDispatch(_fixture.Socket, _echo, out _);
        return _fixture.Drain();
    }

    [Benchmark(Description = "reflection: echo(string) → ack")]
    [BenchmarkCategory("echo")]
    public int ReflectionEcho()
    {
        _reflection.TryDispatch(_fixture.Socket, _echo, out _);
        return _fixture.Drain();
    }

    [Benchmark(Baseline = true, Description = "generated: score(Socket, int, bool, string) → ack")]
    [BenchmarkCategory("score")]
    public int GeneratedScore()
    {
        _fixture.Handler.TryDispatch(_fixture.Socket, _score, out _);
        return _fixture.Drain();
    }

    [Benchmark(Description = "reflection: score(Socket, int, bool, string) → ack")]
    [BenchmarkCategory("score")]
    public int ReflectionScore()
    {
        _reflection.TryDispatch(_fixture.Socket, _score, out _);
        return _fixture.Drain();
    }
}
