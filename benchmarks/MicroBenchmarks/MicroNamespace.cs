using System.Text.Json.Serialization;

namespace TypedSocketIO.Benchmarks.Micro;

/// <summary>The events the micro-benchmark namespace sends.</summary>
public interface IMicroClient
{
    /// <summary>Emits <c>moved</c>.</summary>
    ValueTask Moved(string player, Position position);
}

/// <summary>A user's own argument type, read through its source-generated <c>JsonTypeInfo</c>.</summary>
public sealed record Position(double X, double Y, string Zone);

/// <summary>The JSON contract of <see cref="Position"/>.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Position))]
public sealed partial class MicroJsonContext : JsonSerializerContext;

/// <summary>
/// A namespace as users write it; both dispatchers (the generated switch and the reflection one)
/// call these same methods, so the difference between them is the dispatch alone.
/// </summary>
[SocketIONamespace("/")]
public sealed partial class MicroNamespace : Namespace<IMicroClient>
{
    /// <summary>Handler calls, so the work is not optimized away.</summary>
    public long Calls;

    /// <summary>One string, no answer.</summary>
    public void on_notify(string text)
    {
        Calls += text.Length;
    }

    /// <summary>The benchmark server's echo: one string, answered.</summary>
    public string on_echo(string p) => p;

    /// <summary>Several primitives and the socket.</summary>
    public int on_score(Socket socket, int points, bool bonus, string reason)
    {
        Calls++;
        return bonus ? points * 2 : points;
    }

    /// <summary>A user type read through its JsonTypeInfo.</summary>
    public void on_move(Socket socket, Position position)
    {
        Calls += (long)position.X;
    }

    // Events the benchmark does not send, so the switch has the size of a real namespace.
    public void on_join(Socket socket, string room) => Calls++;

    public void on_leave(Socket socket, string room) => Calls++;

    public void on_typing(Socket socket, string room, bool typing) => Calls++;

    public ValueTask on_broadcast(Socket socket, string p) => ValueTask.CompletedTask;
}
