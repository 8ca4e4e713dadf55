using System.Text.Json.Serialization;

namespace TypedSocketIO.Samples.AnalyzerDemo;

/// <summary>The events the game server sends.</summary>
public interface IGameClient
{
    ValueTask Moved(string player, Position position);

    /// <summary>Asks one player; the answer is theirs.</summary>
    ValueTask<bool> ConfirmRestart();

    /// <summary>Asks many players; one answer each.</summary>
    ValueTask<IReadOnlyList<bool>> VoteRestart();
}

public sealed record Position(int X, int Y);

public sealed record Score(string Player, int Points);

public interface IPiece
{
    string Name { get; }
}

[JsonSerializable(typeof(Position))]
public sealed partial class DemoJsonContext : JsonSerializerContext;

/// <summary>A namespace that is served, with the handler mistakes people make.</summary>
[SocketIONamespace("/game")]
public sealed partial class GameNamespace : Namespace<IGameClient>
{
    // Correct handlers.
    public bool on_connect(Socket socket) => true;

    public ValueTask on_move(Socket socket, Position position) => Except(socket).Moved(socket.Id, position);

    public async ValueTask<int> on_restart(Socket socket)
    {
        var votes = await All.VoteRestart();                  // one answer per socket: fine
        var mine = await Client(socket).ConfirmRestart();     // one socket: fine
        var wrong = await All.ConfirmRestart();               // TSIO0030: a broadcast, one answer expected
        return votes.Count(v => v);
    }

    // TSIO0019: python habit without the underscore; never dispatched.
    public void onchat(Socket socket, string text) { }

    // TSIO0018: private, so the generator does not see it.
    private void on_leave(Socket socket) { }

    // TSIO0016: OnMove is event "move" too; on_move wins.
    public void OnMove(Socket socket, Position position) { }

    // TSIO0017: connect_error is Socket.IO's own event.
    public void on_connect_error(Socket socket) { }

    // TSIO0015: async void; an exception in it would crash the process.
    public async void on_save(Socket socket) => await Task.Delay(10);

    // TSIO0010: by reference.
    public void on_count(Socket socket, ref int total) { }

    // TSIO0011: a ref struct cannot be read from JSON.
    public void on_bytes(Socket socket, Span<byte> data) { }

    // TSIO0012: which T?
    public void on_anything<T>(Socket socket, T value) { }

    // TSIO0013: the Socket goes first.
    public void on_wave(string emoji, Socket socket) { }

    // TSIO0014: the CancellationToken goes last.
    public Task on_wait(Socket socket, CancellationToken cancellationToken, int seconds) => Task.CompletedTask;

    // TSIO0040: a delegate cannot be JSON.
    public void on_callback(Socket socket, Action done) { }

    // TSIO0041: System.Text.Json cannot create an interface.
    public void on_place(Socket socket, IPiece piece) { }

    // TSIO0042: Score is in no JsonSerializerContext, and this project sets IsAotCompatible=true.
    public Score on_score(Socket socket) => new(socket.Id, 42);

    // TSIO0051: a disconnect handler gets no event arguments.
    public void on_disconnect(Socket socket, DisconnectReason reason, string farewell) { }
}
