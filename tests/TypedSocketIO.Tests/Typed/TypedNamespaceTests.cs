using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocketIOClient;
using SocketIOClient.Transport;
using TypedSocketIO.Tests.Infrastructure;
using ClientSocket = SocketIOClient.SocketIO;
using ClientOptions = SocketIOClient.SocketIOOptions;

namespace TypedSocketIO.Tests.Typed;

/// <summary>A generated namespace driven by the SocketIOClient NuGet package: every parameter kind and return shape.</summary>
public sealed class TypedNamespaceTests(TestServer server) : IClassFixture<TestServer>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private ClientSocket _client = null!;

    public async Task InitializeAsync() => _client = await ConnectAsync(new { key = "typed" });

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    private async Task<ClientSocket> ConnectAsync(object auth, TransportProtocol transport = TransportProtocol.WebSocket)
    {
        var client = new ClientSocket(server.BaseUrl + "/typed", new ClientOptions { Transport = transport, EIO = 4, Reconnection = false, Auth = auth });
        var connected = new TaskCompletionSource();
        client.OnConnected += (_, _) => connected.TrySetResult();
        await client.ConnectAsync();
        await connected.Task.WaitAsync(Wait);
        return client;
    }

    private async Task<SocketIOResponse> CallAsync(string eventName, params object[] args)
    {
        var answer = new TaskCompletionSource<SocketIOResponse>();
        await _client.EmitAsync(eventName, response => answer.TrySetResult(response), args);
        return await answer.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task Binds_strings_and_returns_them_as_the_ack()
    {
        Assert.Equal("héllo ✓", (await CallAsync("echo_string", "héllo ✓")).GetValue<string>(0));
    }

    [Fact]
    public async Task Binds_null_to_a_nullable_string()
    {
        Assert.Equal(JsonValueKind.Null, (await CallAsync("echo_nullable", [null!])).GetValue(0).ValueKind);
    }

    [Fact]
    public async Task Binds_numbers_and_booleans()
    {
        Assert.Equal(5, (await CallAsync("add", 2, 3)).GetValue<int>(0));
        Assert.Equal(6_000_000_000L, (await CallAsync("add_long", 3_000_000_000L, 3_000_000_000L)).GetValue<long>(0));
        Assert.Equal(1.25, (await CallAsync("half", 2.5)).GetValue<double>(0));
        Assert.False((await CallAsync("not", true)).GetValue<bool>(0));
    }

    [Fact]
    public async Task Binds_binary_both_ways()
    {
        var reversed = await CallAsync("reverse", new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 3, 2, 1 }, Assert.Single(reversed.InComingBytes));
        Assert.Equal(4, (await CallAsync("length", new byte[] { 9, 9, 9, 9 })).GetValue<int>(0));
    }

    [Fact]
    public async Task Binds_json_elements_and_records()
    {
        var element = (await CallAsync("element", new { nested = new[] { 1, 2 } })).GetValue(0);
        Assert.Equal(2, element.GetProperty("nested")[1].GetInt32());

        var moved = (await CallAsync("move", new { x = 1, y = 2 }, 10)).GetValue(0);
        Assert.Equal((11, 2), (moved.GetProperty("x").GetInt32(), moved.GetProperty("y").GetInt32()));
    }

    [Fact]
    public async Task Uses_defaults_for_arguments_the_client_leaves_out()
    {
        Assert.Equal("abab", (await CallAsync("repeat", "ab")).GetValue<string>(0));
        Assert.Equal("ababab", (await CallAsync("repeat", "ab", 3)).GetValue<string>(0));
        var moved = (await CallAsync("move", new { x = 1, y = 2 })).GetValue(0);
        Assert.Equal(2, moved.GetProperty("x").GetInt32());
    }

    [Fact]
    public async Task Acks_async_results_once_they_complete()
    {
        Assert.Equal(30, (await CallAsync("task_value", 3)).GetValue<int>(0));
        Assert.Equal(4, (await CallAsync("valuetask_value", 3)).GetValue<int>(0));
        Assert.True((await CallAsync("wait")).GetValue<bool>(0));
    }

    [Fact]
    public async Task Acks_handlers_that_return_nothing_with_an_empty_answer()
    {
        Assert.Equal(0, (await CallAsync("task")).Count);
        Assert.Equal(0, (await CallAsync("void")).Count);
    }

    [Fact]
    public async Task Sends_a_tuple_as_several_ack_arguments()
    {
        var answer = await CallAsync("tuple");
        Assert.Equal((7, "seven"), (answer.GetValue<int>(0), answer.GetValue<string>(1)));
    }

    [Fact]
    public async Task Maps_names_by_the_documented_rules()
    {
        Assert.Equal("camel", (await CallAsync("camelCase")).GetValue<string>(0));
        Assert.Equal("custom", (await CallAsync("custom name")).GetValue<string>(0));
    }

    [Fact]
    public async Task Does_not_call_a_handler_with_arguments_of_the_wrong_type_and_keeps_the_connection()
    {
        var noAnswer = new TaskCompletionSource<SocketIOResponse>();
        await _client.EmitAsync("add", response => noAnswer.TrySetResult(response), "two", "three");

        // The next call on the same connection is answered, and the bad one never was.
        Assert.Equal(3, (await CallAsync("add", 1, 2)).GetValue<int>(0));
        Assert.False(noAnswer.Task.IsCompleted);
        Assert.True(_client.Connected);
    }

    [Fact]
    public async Task A_throwing_handler_sends_nothing_and_keeps_the_connection()
    {
        await _client.EmitAsync("throw");
        Assert.Equal("still", (await CallAsync("echo_string", "still")).GetValue<string>(0));
    }

    [Fact]
    public async Task Gets_its_constructor_services_from_dependency_injection()
    {
        var first = (await CallAsync("count")).GetValue<int>(0);
        var second = (await CallAsync("count")).GetValue<int>(0);
        Assert.True(second > first);
    }

    [Fact]
    public async Task Emits_to_one_client_with_a_typed_ack()
    {
        _client.On("question", response => response.CallbackAsync("yes to " + response.GetValue<string>(0)));
        Assert.Equal("client said yes to q?", (await CallAsync("ask_client", "q?")).GetValue<string>(0));
    }

    [Fact]
    public async Task Gathers_one_typed_answer_per_socket_of_a_broadcast()
    {
        var room = "poll-" + Guid.NewGuid().ToString("N");
        using var other = await ConnectAsync(new { key = "typed" });
        other.On("poll", response => response.CallbackAsync(30));
        _client.On("poll", response => response.CallbackAsync(12));
        var joined = new TaskCompletionSource();
        await other.EmitAsync("join", _ => joined.TrySetResult(), room);
        await joined.Task.WaitAsync(Wait);

        Assert.Equal(42, (await CallAsync("poll_room", room)).GetValue<int>(0));
    }

    [Fact]
    public async Task Broadcasts_through_the_typed_proxy_to_a_room_except_the_sender()
    {
        var room = "notice-" + Guid.NewGuid().ToString("N");
        using var other = await ConnectAsync(new { key = "typed" });
        var received = new TaskCompletionSource<string>();
        other.On("notice", response => received.TrySetResult(response.GetValue<string>(0)));
        var selfReceived = new TaskCompletionSource<string>();
        _client.On("notice", response => selfReceived.TrySetResult(response.GetValue<string>(0)));
        var joined = new TaskCompletionSource();
        await other.EmitAsync("join", _ => joined.TrySetResult(), room);
        await joined.Task.WaitAsync(Wait);
        await CallAsync("join", room);

        await CallAsync("notify", room, "hello");

        Assert.Equal("hello", await received.Task.WaitAsync(Wait));
        Assert.Equal("x", (await CallAsync("echo_string", "x")).GetValue<string>(0));
        Assert.False(selfReceived.Task.IsCompleted);
    }

    [Fact]
    public async Task Sends_binary_through_the_typed_proxy()
    {
        var received = new TaskCompletionSource<byte[]>();
        _client.On("bin", response => received.TrySetResult(response.InComingBytes[0]));

        await _client.EmitAsync("send_binary", new byte[] { 5, 6, 7 });

        Assert.Equal(new byte[] { 5, 6, 7 }, await received.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task Dispatches_a_handler_its_base_class_declares()
    {
        Assert.Equal("base:hi", (await CallAsync("base_echo", "hi")).GetValue<string>(0));
    }

    [Fact]
    public async Task An_override_answers_for_the_virtual_handler_it_replaces()
    {
        Assert.Equal("typed", (await CallAsync("who")).GetValue<string>(0));
    }

    [Fact]
    public async Task Emits_an_event_named_like_a_proxy_operator()
    {
        var received = new TaskCompletionSource<string>();
        _client.On("local", response => received.TrySetResult(response.GetValue<string>(0)));

        await _client.EmitAsync("send_local", "harbour");

        Assert.Equal("harbour", await received.Task.WaitAsync(Wait));
    }

    [Theory]
    [InlineData("wrong", "Connection rejected by server")]
    [InlineData("throw", "not today")]
    public async Task Refuses_a_connection_its_connect_handler_refuses(string key, string message)
    {
        using var client = new ClientSocket(server.BaseUrl + "/typed", new ClientOptions { Transport = TransportProtocol.WebSocket, EIO = 4, Reconnection = false, Auth = new { key } });
        var error = new TaskCompletionSource<string>();
        client.OnError += (_, text) => error.TrySetResult(text);
        _ = client.ConnectAsync();

        Assert.Contains(message, await error.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task Tells_the_disconnect_handler_why()
    {
        var client = await ConnectAsync(new { key = "typed" }, TransportProtocol.Polling);
        var id = client.Id;
        await client.DisconnectAsync();
        var ledger = server.Services.GetRequiredService<TypedLedger>();

        await Eventually.TrueAsync(() => ledger.Reasons.ContainsKey(id), Wait);
        Assert.Equal(DisconnectReason.ClientNamespaceDisconnect, ledger.Reasons[id]);
        client.Dispose();
    }
}
