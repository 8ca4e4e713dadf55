using System.Collections.Concurrent;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Server.Operators;

/// <summary>What a namespace offers beyond <c>On</c>: OnAny, middleware, namespace-wide emits and room operations, server-side emits.</summary>
public sealed class ServerNamespaceTests
{
    [Fact]
    public async Task OnAny_handlers_run_in_order_before_the_handler_of_every_event_the_fallback_and_an_unhandled_one_included()
    {
        await using var server = await MinimalServer.StartAsync();
        var log = new ConcurrentQueue<string>();
        server.SocketIO.Of("/any")
            .OnAny(e =>
            {
                log.Enqueue($"first {e.Name}({e.Arguments.Count})");
                return ValueTask.CompletedTask;
            })
            .OnAny(e =>
            {
                log.Enqueue($"second {e.Name}");
                return ValueTask.CompletedTask;
            })
            .On("known", async e =>
            {
                log.Enqueue("known");
                await e.AckAsync("known");
            })
            .On("*", async e =>
            {
                log.Enqueue("fallback " + e.Name);
                await e.AckAsync("fallback");
            });
        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/any");
        await using var _1 = client;

        await client.SendTextAsync("42/any,1[\"known\",1,2]");
        Assert.Equal("43/any,1[\"known\"]", await client.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));
        await client.SendTextAsync("42/any,2[\"other\"]");
        Assert.Equal("43/any,2[\"fallback\"]", await client.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));

        Assert.Equal(["first known(2)", "second known", "known", "first other(0)", "second other", "fallback other"], log);
    }

    [Fact]
    public async Task Middleware_runs_in_registration_order_before_the_connect_handlers_and_a_refusal_stops_the_chain()
    {
        await using var server = await MinimalServer.StartAsync();
        var log = new ConcurrentQueue<string>();
        var ns = server.SocketIO.Of("/mw")
            .Use(socket => Step(log, "first"))
            .Use(socket =>
            {
                log.Enqueue("second");
                if (socket.Handshake.Auth.TryGetProperty("banned", out _))
                {
                    throw new ConnectionRefusedException("no entry", new Dictionary<string, string> { ["reason"] = "banned" });
                }

                return ValueTask.CompletedTask;
            })
            .Use(socket => Step(log, "third"))
            .OnConnect(socket => Step(log, "connected"));
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await client.ReceiveTextAsync();

        await client.SendTextAsync("40/mw,{}");
        Assert.StartsWith("40/mw,{\"sid\":", await client.ReceiveUntilAsync(p => p.StartsWith("4", StringComparison.Ordinal)));
        Assert.Equal(["first", "second", "third", "connected"], log);

        log.Clear();
        await using var refused = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await refused.ReceiveTextAsync();
        await refused.SendTextAsync("40/mw,{\"banned\":true}");

        Assert.Equal("44/mw,{\"message\":\"no entry\",\"data\":{\"reason\":\"banned\"}}", await refused.ReceiveUntilAsync(p => p.StartsWith("4", StringComparison.Ordinal)));
        Assert.Equal(["first", "second"], log);
        Assert.Single(ns.SocketsById);
    }

    [Fact]
    public async Task Middleware_that_fails_refuses_with_a_generic_server_error_and_keeps_its_exception_to_the_server()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/mw-fails").Use(_ => throw new InvalidOperationException("database password in this message"));
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await client.ReceiveTextAsync();

        await client.SendTextAsync("40/mw-fails,");

        Assert.Equal("44/mw-fails,{\"message\":\"Server error\"}", await client.ReceiveUntilAsync(p => p.StartsWith("4", StringComparison.Ordinal)));
        Assert.Empty(ns.SocketsById);
    }

    [Fact]
    public async Task EmitWithAckAsync_on_the_namespace_asks_every_socket_and_gathers_each_answer()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/ask-all");
        var (first, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/ask-all");
        await using var _1 = first;
        var (second, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/ask-all");
        await using var _2 = second;

        var answers = ns.EmitWithAckAsync("poll", "ready?");
        foreach (var (client, answer) in new[] { (first, "one"), (second, "two") })
        {
            Assert.Equal("42/ask-all,0[\"poll\",\"ready?\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42", StringComparison.Ordinal)));
            await client.SendTextAsync($"43/ask-all,0[\"{answer}\"]");
        }

        var gathered = await answers.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["one", "two"], gathered.Select(a => a.GetString(0)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EmitWithAckAsync_to_nobody_ends_at_once_with_no_answers()
    {
        await using var server = await MinimalServer.StartAsync();

        var answers = await server.SocketIO.Of("/empty").To("no-such-room").EmitWithAckAsync("poll").WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Empty(answers);
    }

    [Fact]
    public async Task ServerSideEmitAsync_goes_to_the_adapter_for_the_other_servers_and_to_no_client()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.AdapterFactory = ns => new RecordingAdapter(ns));
        var ns = server.SocketIO.Of("/cluster");
        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/cluster");
        await using var _1 = client;

        await ns.ServerSideEmitAsync("cache-invalidate", "users", 7);
        await ns.EmitAsync("marker");

        Assert.Empty(await client.PacketsBeforeAsync("42/cluster,[\"marker\"]"));
        var sent = Assert.Single(((RecordingAdapter)ns.Adapter).CallsOf(nameof(SocketIOAdapter.ServerSideEmitAsync)));
        Assert.Equal("42/cluster,[\"cache-invalidate\",\"users\",7]", sent.Detail);
    }

    [Fact]
    public async Task With_the_default_adapter_a_server_side_emit_reaches_nobody_and_SocketsAsync_lists_room_members()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/single-server");
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/single-server");
        await using var _1 = client;
        await ns.SocketsById[socketId].JoinAsync("room");

        await ns.ServerSideEmitAsync("cache-invalidate", "users");
        await ns.EmitAsync("marker");

        Assert.Empty(await client.PacketsBeforeAsync("42/single-server,[\"marker\"]"));
        Assert.Equal([socketId], await ns.Adapter.GetSocketIdsAsync(new HashSet<string> { "room" }));
        Assert.Equal([socketId], await ns.Adapter.GetSocketIdsAsync(new HashSet<string>()));
        Assert.Empty(await ns.Adapter.GetSocketIdsAsync(new HashSet<string> { "elsewhere" }));
    }

    [Fact]
    public async Task CloseRoomAsync_makes_every_member_leave_and_the_room_is_gone_from_the_adapter()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/close-room");
        var adapter = Assert.IsType<InMemoryAdapter>(ns.Adapter);
        var (first, firstId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/close-room");
        await using var _1 = first;
        var (second, secondId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/close-room");
        await using var _2 = second;
        await ns.SocketsById[firstId].JoinAsync(["lobby", "game"]);
        await ns.SocketsById[secondId].JoinAsync("lobby");
        Assert.Equal(4, adapter.RoomCount); // two own rooms, lobby, game

        await ns.CloseRoomAsync("lobby");

        Assert.Equal(3, adapter.RoomCount);
        Assert.Equal(Sorted([firstId, "game"]), Sorted(ns.SocketsById[firstId].Rooms));
        Assert.Equal([secondId], ns.SocketsById[secondId].Rooms);
        await ns.To("lobby").EmitAsync("lost");
        await ns.EmitAsync("marker");
        Assert.Empty(await first.PacketsBeforeAsync("42/close-room,[\"marker\"]"));
        Assert.Empty(await second.PacketsBeforeAsync("42/close-room,[\"marker\"]"));
    }

    [Fact]
    public async Task Rooms_are_removed_from_the_adapter_when_their_last_member_leaves_or_disconnects()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/empty-rooms");
        var adapter = Assert.IsType<InMemoryAdapter>(ns.Adapter);
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/empty-rooms");
        var socket = ns.SocketsById[socketId];
        await socket.JoinAsync(["a", "b", "c"]);
        Assert.Equal(4, adapter.RoomCount);

        await socket.LeaveAsync("a");
        await socket.LeaveAsync("not-joined");
        Assert.Equal(3, adapter.RoomCount);
        Assert.Equal(Sorted([socketId, "b", "c"]), Sorted(socket.Rooms));

        await client.DisposeAsync();
        await Eventually.TrueAsync(() => adapter.RoomCount == 0, TimeSpan.FromSeconds(10));
        Assert.Empty(ns.SocketsById);
        Assert.Empty(socket.Rooms);
    }

    [Fact]
    public async Task DisconnectSocketsAsync_on_the_namespace_ends_each_of_its_sockets_and_no_other_namespaces()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/leaving");
        var other = server.SocketIO.Of("/staying");
        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/leaving");
        await using var _1 = client;
        await client.SendTextAsync("40/staying,");
        await client.ReceiveUntilAsync(p => p.StartsWith("40/staying,", StringComparison.Ordinal));

        await ns.DisconnectSocketsAsync();

        Assert.Equal("41/leaving,", await client.ReceiveUntilAsync(p => p.StartsWith("41", StringComparison.Ordinal)));
        Assert.Empty(ns.SocketsById);
        Assert.Single(other.SocketsById);
        await other.EmitAsync("still", "here");
        Assert.Equal("42/staying,[\"still\",\"here\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42", StringComparison.Ordinal)));
    }

    private static string[] Sorted(IEnumerable<string> rooms) => [.. rooms.Order(StringComparer.Ordinal)];

    private static ValueTask Step(ConcurrentQueue<string> log, string name)
    {
        log.Enqueue(name);
        return ValueTask.CompletedTask;
    }
}
