namespace TypedSocketIO.Benchmarks.Server;

/// <summary>What the benchmark server sends to its clients.</summary>
public interface IBenchClient
{
    /// <summary>Emits <c>msg</c>: a broadcast's payload, to every socket but its sender.</summary>
    ValueTask Msg(string payload);
}

/// <summary>The two benchmark events, written the way a user writes a namespace.</summary>
[SocketIONamespace("/")]
public sealed partial class BenchNamespace : Namespace<IBenchClient>
{
    /// <summary><c>42&lt;id&gt;["echo",p]</c> is answered with <c>43&lt;id&gt;[p]</c>.</summary>
    public string on_echo(string p) => p;

    /// <summary>Sends <c>msg</c> with the same argument to every other socket of <c>/</c>, then acknowledges (<c>43&lt;id&gt;[]</c>).</summary>
    public ValueTask on_broadcast(Socket socket, string p) => Except(socket).Msg(p);
}
