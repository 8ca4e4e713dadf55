using TypedSocketIO.Generators.Tests.Infrastructure;

namespace TypedSocketIO.Generators.Tests;

/// <summary>
/// The generated code of each scenario, compared with the files under <c>Baselines/{TestName}</c>,
/// and compiled with no error and no warning. Rewrite the baselines with
/// <c>TYPEDSOCKETIO_UPDATE_BASELINES=1 dotnet test tests/TypedSocketIO.Generators.Tests</c>,
/// then read the diff.
/// </summary>
public sealed class BaselineTests
{
    [Fact]
    public void ChatExample() => Baseline.Verify(GeneratorHarness.Run(Sources.ChatContracts, Sources.ChatHistory, Sources.ChatRooms, Sources.ChatNamespace));

    [Fact]
    public void HandlerParameterKinds() => Baseline.Verify(GeneratorHarness.Run("""
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using TypedSocketIO;

        namespace MyApp;

        public sealed record Point(int X, int Y);

        public enum Color { Red, Green, Blue = -1 }

        [JsonSerializable(typeof(Point))]
        public sealed partial class ParametersJsonContext : JsonSerializerContext;

        [SocketIONamespace("/parameters")]
        public sealed partial class ParametersNamespace : Namespace
        {
            public void on_string(Socket socket, string text) { }

            public void on_nullable_string(Socket socket, string? text) { }

            public void on_int(Socket socket, int value) { }

            public void on_long(long value) { }

            public void on_double(double value) { }

            public void on_bool(bool value) { }

            public void on_bytes(byte[] data) { }

            public void on_memory(ReadOnlyMemory<byte> data) { }

            public void on_element(JsonElement element) { }

            public void on_point(Point point, Point? maybe) { }

            public void on_nullable_int(int? value) { }

            public void on_optional(string room, int count = 10, long big = -5, double ratio = 0.5, bool loud = false, string? tag = null, string label = "a \"quoted\" label", Color color = Color.Blue, int? limit = null) { }

            public Task on_cancellable(Socket socket, string room, CancellationToken cancellationToken) => Task.CompletedTask;

            public void on_without_socket(string text, int count) { }

            public void on_keywords(string @class, int @event, string result, string ack, string arguments) { }

            public void on_nothing() { }
        }
        """));

    [Fact]
    public void AuthorizedHandlers() => Baseline.Verify(GeneratorHarness.Run("""
        using Microsoft.AspNetCore.Authorization;
        using TypedSocketIO;

        namespace MyApp;

        /// <summary>The class's rule at CONNECT; handlers add their own; AllowAnonymous handlers skip the check.</summary>
        [SocketIONamespace("/admin")]
        [Authorize]
        [Authorize("Staff")]
        public sealed partial class AdminNamespace : Namespace
        {
            public string on_status() => "ok";

            [Authorize(Roles = "admin,owner")]
            public void on_kick(Socket socket, string user) { }

            [Authorize(Policy = "Audit", Roles = "auditor")]
            public Task<int> on_audit(string from, CancellationToken cancellationToken) => Task.FromResult(1);

            [AllowAnonymous]
            public string on_ping() => "pong";
        }

        /// <summary>Anonymous users connect (on_connect allows them), so the class's rule guards each event.</summary>
        [SocketIONamespace("/lobby")]
        [Authorize(Policy = "Member")]
        public sealed partial class LobbyNamespace : Namespace
        {
            [AllowAnonymous]
            public void on_connect(Socket socket) { }

            public string on_secret() => "s";

            [Authorize(Roles = "vip")]
            public string on_vip() => "v";

            [AllowAnonymous]
            public string on_hello() => "h";
        }

        /// <summary>[Authorize] on on_connect alone: checked at CONNECT only.</summary>
        [SocketIONamespace("/gate")]
        public sealed partial class GateNamespace : Namespace
        {
            [Authorize(Roles = "guest")]
            public bool on_connect(Socket socket) => true;

            public string on_open() => "o";
        }
        """));

    [Fact]
    public void HandlerReturnShapes() => Baseline.Verify(GeneratorHarness.Run("""
        using System.Text.Json.Serialization;
        using TypedSocketIO;

        namespace MyApp;

        public sealed record Point(int X, int Y);

        [JsonSerializable(typeof(Point))]
        public sealed partial class ReturnsJsonContext : JsonSerializerContext;

        [SocketIONamespace("/returns")]
        public sealed partial class ReturnsNamespace : Namespace
        {
            public void on_void(Socket socket) { }

            public int on_value(Socket socket) => 42;

            public string? on_nullable_value() => null;

            public byte[] on_binary() => [1, 2, 3];

            public Point on_point() => new(1, 2);

            public Task on_task() => Task.CompletedTask;

            public async Task<string> on_task_of_value(string text)
            {
                await Task.Yield();
                return text;
            }

            public ValueTask on_value_task() => default;

            public ValueTask<Point> on_value_task_of_value() => new(new Point(3, 4));

            public (int, string) on_tuple() => (1, "one");

            public Task<(int Count, Point Where)> on_task_of_tuple() => Task.FromResult((2, new Point(5, 6)));

            public byte[]? on_nullable_binary() => null;

            public int? on_nullable_int() => null;

            public ValueTask<string?> on_value_task_of_nullable() => new((string?)null);
        }
        """));

    [Fact]
    public void LifecycleHandlers() => Baseline.Verify(GeneratorHarness.Run("""
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using TypedSocketIO;

        namespace MyApp;

        public sealed record LoginAuth(string? Token);

        [JsonSerializable(typeof(LoginAuth))]
        public sealed partial class AuthJsonContext : JsonSerializerContext;

        /// <summary>Connect returns bool and takes typed auth; disconnect takes the reason; disconnecting returns Task.</summary>
        [SocketIONamespace("/bool")]
        public sealed partial class BoolConnectNamespace : Namespace
        {
            public bool on_connect(Socket socket, LoginAuth auth) => auth.Token is not null;

            public Task on_disconnecting(Socket socket, DisconnectReason reason) => Task.CompletedTask;

            public void on_disconnect(Socket socket, DisconnectReason reason) { }
        }

        /// <summary>Connect returns Task of bool, with nullable auth and the disconnect token.</summary>
        [SocketIONamespace("/task")]
        public sealed partial class TaskConnectNamespace : Namespace
        {
            public async Task<bool> on_connect(Socket socket, LoginAuth? auth, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return auth is not null;
            }

            public ValueTask on_disconnect(DisconnectReason reason) => default;
        }

        /// <summary>Connect returns void (PascalCase names); disconnecting takes only the socket.</summary>
        [SocketIONamespace("/void")]
        public sealed partial class VoidConnectNamespace : Namespace
        {
            public void OnConnect(Socket socket) { }

            public void OnDisconnecting(Socket socket) { }

            public Task OnDisconnect() => Task.CompletedTask;
        }

        /// <summary>Connect returns ValueTask of bool with the raw auth; ValueTask without it.</summary>
        [SocketIONamespace("/value-task")]
        public sealed partial class ValueTaskConnectNamespace : Namespace
        {
            public ValueTask<bool> on_connect(JsonElement auth) => new(auth.ValueKind == JsonValueKind.Object);

            public ValueTask on_disconnecting(Socket socket, DisconnectReason reason, CancellationToken cancellationToken) => default;
        }

        /// <summary>Connect returns Task, with a string as auth.</summary>
        [SocketIONamespace("/string-auth")]
        public sealed partial class StringAuthNamespace : Namespace
        {
            public Task on_connect(Socket socket, string token) => Task.CompletedTask;
        }
        """));

    [Fact]
    public void NamingRules() => Baseline.Verify(GeneratorHarness.Run("""
        using TypedSocketIO;

        namespace MyApp;

        [SocketIONamespace("/naming")]
        public sealed partial class NamingNamespace : Namespace
        {
            /// <summary>python-socketio's rule: "send_message" verbatim.</summary>
            public void on_send_message(string text) { }

            /// <summary>PascalCase: "sendPrivateMessage".</summary>
            public void OnSendPrivateMessage(string text) { }

            /// <summary>[Event] overrides both rules.</summary>
            [Event("any name")]
            public void on_renamed(string text) { }

            [Event("say \"hi\" & <bye>")]
            public void Quoted() { }

            [Event("héllo wörld")]
            public void Accented() { }

            [Event("日本語")]
            public void Japanese() { }

            [Event("🎉")]
            public void Party() { }

            /// <summary>Follows no rule: not a handler.</summary>
            public void Online() { }

            /// <summary>Not public: not a handler.</summary>
            internal void on_internal() { }

            /// <summary>Static: not a handler.</summary>
            public static void on_static() { }
        }
        """));

    [Fact]
    public void ClientInterface() => Baseline.Verify(GeneratorHarness.Run("""
        using System.Text.Json.Serialization;
        using TypedSocketIO;

        namespace MyApp;

        public sealed record Point(int X, int Y);

        [JsonSerializable(typeof(Point))]
        [JsonSerializable(typeof(Point[]))]
        public sealed partial class GameJsonContext : JsonSerializerContext;

        public interface IBaseClient
        {
            /// <summary>Inherited events are part of the proxy too.</summary>
            ValueTask Notice(string text);
        }

        public interface IGameClient : IBaseClient
        {
            ValueTask Started(int round, Point origin);

            Task Scored(string player, long points, double ratio, bool best);

            ValueTask Replay(byte[] data, ReadOnlyMemory<byte> tail, string? comment);

            ValueTask<bool> Confirm(string question);

            Task<Point?> WhereAreYou(CancellationToken cancellationToken);

            ValueTask<IReadOnlyList<int>> Vote(string topic, CancellationToken cancellationToken);

            ValueTask<IReadOnlyList<Point>> Positions();

            [Event("game-over")]
            ValueTask GameOver(Point winner);

            ValueTask Nothing();
        }

        [SocketIONamespace("/game")]
        public sealed partial class GameNamespace : Namespace<IGameClient>
        {
            public async ValueTask on_start(Socket socket, int round)
            {
                await All.Started(round, new Point(0, 0));
                await Client(socket).Notice("you started");
                var votes = await To("players").Except(socket).Vote("continue?", CancellationToken.None);
                _ = votes.Count;
            }
        }
        """));

    [Fact]
    public void SharedClientInterface() => Baseline.Verify(GeneratorHarness.Run(
        """
        namespace MyApp;

        public interface IRoomClient
        {
            ValueTask Said(string user, string text);
        }
        """,
        """
        using TypedSocketIO;

        namespace MyApp.Lobby;

        [SocketIONamespace("/lobby")]
        public sealed partial class LobbyNamespace : Namespace<MyApp.IRoomClient>
        {
            public ValueTask on_say(Socket socket, string text) => All.Said(socket.Id, text);
        }
        """,
        """
        using TypedSocketIO;

        namespace MyApp.Rooms;

        [SocketIONamespace("/rooms")]
        public sealed partial class RoomNamespace : Namespace<MyApp.IRoomClient>
        {
            public ValueTask on_say(Socket socket, string room, string text) => To(room).Said(socket.Id, text);
        }
        """));

    [Fact]
    public void ClientMethodsNamedLikeOperators() => Baseline.Verify(GeneratorHarness.Run("""
        using TypedSocketIO;

        namespace MyApp;

        /// <summary>Events named like the proxy's operators: the events keep the names.</summary>
        public interface IMapClient
        {
            ValueTask Local(string place);

            ValueTask<bool> Timeout(int seconds);
        }

        [SocketIONamespace("/map")]
        public sealed partial class MapNamespace : Namespace<IMapClient>
        {
            public ValueTask on_go(string place) => All.LocalOperator.Local(place);
        }
        """));

    [Fact]
    public void GlobalNamespace() => Baseline.Verify(GeneratorHarness.Run("""
        using TypedSocketIO;

        public interface IEchoClient
        {
            ValueTask Echoed(string text);
        }

        [SocketIONamespace]
        public sealed partial class RootNamespace : Namespace<IEchoClient>
        {
            public ValueTask on_echo(Socket socket, string text) => Client(socket).Echoed(text);
        }
        """));

    [Fact]
    public void PlainNamespace() => Baseline.Verify(GeneratorHarness.Run("""
        using TypedSocketIO;

        namespace MyApp;

        public interface IStore
        {
            int Add(string text);
        }

        [SocketIONamespace("/plain")]
        public sealed partial class PlainNamespace(IStore store, TimeProvider clock) : Namespace
        {
            public int on_add(string text) => store.Add(text + clock.GetUtcNow());
        }
        """));

    [Fact]
    public void SkippedClasses()
    {
        var run = GeneratorHarness.Run(SkippedClassesSource);
        Assert.Empty(run.Files);
        Baseline.Verify(run);
    }

    private const string SkippedClassesSource = """
        using TypedSocketIO;

        namespace MyApp;

        public interface IClient
        {
            ValueTask Hello();
        }

        [SocketIONamespace("/not-partial")]
        public sealed class NotPartialNamespace : Namespace<IClient>
        {
            public void on_hello() { }
        }

        public static partial class Outer
        {
            [SocketIONamespace("/nested")]
            public sealed partial class NestedNamespace : Namespace<IClient>
            {
                public void on_hello() { }
            }
        }

        [SocketIONamespace("/generic")]
        public sealed partial class GenericNamespace<T> : Namespace<IClient>
        {
            public void on_hello() { }
        }

        [SocketIONamespace("no-slash")]
        public sealed partial class NoSlashNamespace : Namespace<IClient>
        {
            public void on_hello() { }
        }

        [SocketIONamespace("/no-public-constructor")]
        public sealed partial class PrivateConstructorNamespace : Namespace<IClient>
        {
            private PrivateConstructorNamespace() { }

            public void on_hello() { }
        }

        [SocketIONamespace("/not-a-namespace")]
        public sealed partial class NotDerivedFromNamespace
        {
            public void on_hello() { }
        }
        """;

    [Fact]
    public void UnsupportedHandlers() => Baseline.Verify(GeneratorHarness.Run("""
        using TypedSocketIO;

        namespace MyApp;

        [SocketIONamespace("/unsupported")]
        public sealed partial class UnsupportedNamespace : Namespace
        {
            /// <summary>The one handler the generator can bind.</summary>
            public void on_supported(Socket socket, string text) { }

            public void on_by_ref(ref int value) { }

            public void on_by_out(out int value) => value = 0;

            public void on_by_in(in int value) { }

            public void on_params(params string[] values) { }

            public async void on_async_void() => await Task.Yield();

            public void on_socket_late(string room, Socket socket) { }

            public void on_two_sockets(Socket socket, Socket other) { }

            public void on_token_first(CancellationToken cancellationToken, string text) { }

            public void on_span(ReadOnlySpan<byte> data) { }

            public void on_generic<T>(T value) { }

            public void on_dynamic(dynamic value) { }

            /// <summary>A second handler of "supported": only the first is dispatched.</summary>
            [Event("supported")]
            public void Duplicate(string text) { }

            /// <summary>A reserved name, through [Event].</summary>
            [Event("connect_error")]
            public void ConnectError() { }

            /// <summary>A connect handler may not take two auth values.</summary>
            public void on_connect(Socket socket, string first, string second) { }

            /// <summary>Nothing receives a disconnect handler's result.</summary>
            public int on_disconnect(Socket socket) => 0;
        }
        """));
}
