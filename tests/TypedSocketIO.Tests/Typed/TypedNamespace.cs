using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedSocketIO.Tests.Typed;

/// <summary>The events the typed test namespace sends.</summary>
public interface ITypedClient
{
    ValueTask Notice(string text);

    ValueTask<string> Question(string text);

    ValueTask<IReadOnlyList<int>> Poll();

    [Event("bin")]
    ValueTask Binary(byte[] data);

    /// <summary>Named like the proxy's Local operator, which steps aside as LocalOperator.</summary>
    ValueTask Local(string place);
}

public sealed record TypedAuth(string? Key);

public sealed record Point(int X, int Y);

[JsonSerializable(typeof(TypedAuth))]
[JsonSerializable(typeof(Point))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
public sealed partial class TypedJsonContext : JsonSerializerContext;

/// <summary>A singleton service the namespace gets by constructor injection.</summary>
public sealed class TypedLedger
{
    private int _counted;

    public ConcurrentDictionary<string, DisconnectReason> Reasons { get; } = new();

    public int Count() => Interlocked.Increment(ref _counted);
}

/// <summary>Handlers shared through a base class: the generator dispatches them for every namespace deriving from it.</summary>
public abstract class TypedHandlersBase : Namespace<ITypedClient>
{
    public string on_base_echo(string text) => "base:" + text;

    public virtual string on_who() => "base";
}

/// <summary>One handler for every parameter kind and return shape the generator supports.</summary>
[SocketIONamespace("/typed")]
public sealed partial class TypedNamespace(TypedLedger ledger) : TypedHandlersBase
{
    public override string on_who() => "typed";

    public bool on_connect(Socket socket, TypedAuth auth) => auth.Key switch
    {
        "typed" => true,
        "throw" => throw new ConnectionRefusedException("not today", new Point(4, 2)),
        _ => false,
    };

    public void on_disconnect(Socket socket, DisconnectReason reason) => ledger.Reasons[socket.Id] = reason;

    public string on_echo_string(string text) => text;

    public string? on_echo_nullable(string? text) => text;

    public int on_add(int a, int b) => a + b;

    public long on_add_long(long a, long b) => a + b;

    public double on_half(double x) => x / 2;

    public bool on_not(bool value) => !value;

    public byte[] on_reverse(byte[] data) => [.. data.Reverse()];

    public int on_length(ReadOnlyMemory<byte> data) => data.Length;

    public JsonElement on_element(JsonElement element) => element;

    public Point on_move(Point point, int dx = 1) => point with { X = point.X + dx };

    public string on_repeat(string text, int times = 2) => string.Concat(Enumerable.Repeat(text, times));

    public async Task<int> on_task_value(int x)
    {
        await Task.Yield();
        return x * 10;
    }

    public ValueTask<int> on_valuetask_value(int x) => ValueTask.FromResult(x + 1);

    public async Task on_task(Socket socket)
    {
        await Task.Yield();
        socket.Items["task"] = true;
    }

    public void on_void()
    {
    }

    public (int, string) on_tuple() => (7, "seven");

    public async Task<bool> on_wait(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        return cancellationToken.CanBeCanceled;
    }

    public string OnCamelCase() => "camel";

    [Event("custom name")]
    public string Custom() => "custom";

    public void on_throw() => throw new InvalidOperationException("handler failed on purpose");

    public int on_count() => ledger.Count();

    public async ValueTask<string> on_ask_client(Socket socket, string text) =>
        "client said " + await Client(socket).Timeout(TimeSpan.FromSeconds(5)).Question(text);

    public async ValueTask<int> on_poll_room(Socket socket, string room)
    {
        await socket.JoinAsync(room);
        var answers = await To(room).Timeout(TimeSpan.FromSeconds(5)).Poll();
        return answers.Sum();
    }

    public async ValueTask<int> on_join(Socket socket, string room)
    {
        await socket.JoinAsync(room);
        return socket.Rooms.Count;
    }

    public ValueTask on_notify(Socket socket, string room, string text) => To(room).Except(socket).Notice(text);

    public ValueTask on_send_binary(Socket socket, byte[] data) => Client(socket).Binary(data);

    public ValueTask on_send_local(Socket socket, string place) => Client(socket).Local(place);
}
