using System.Collections.Concurrent;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Server.Operators;

/// <summary>
/// The notifications monitoring builds on (the admin UI among others): rooms joined and left,
/// namespaces created, sockets connected, their data changed, events sent, and the server's
/// connections, messages and packets; each against a real server and client.
/// </summary>
public sealed class InstrumentationHooksTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RoomJoined_and_RoomLeft_are_raised_once_per_real_change_after_it_and_for_every_room_on_disconnect()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/rooms")
            .On("join", async e => { await e.Socket.JoinAsync(e.Arguments.GetString(0)!); await e.AckAsync(); })
            .On("leave", async e => { await e.Socket.LeaveAsync(e.Arguments.GetString(0)!); await e.AckAsync(); });
        var log = new ConcurrentQueue<string>();
        ns.Adapter.RoomJoined += (room, id) => log.Enqueue($"+{room}:{id}:{ns.SocketsById[id].Rooms.Contains(room)}");
        ns.Adapter.RoomLeft += (room, id) => log.Enqueue($"-{room}:{id}:{ns.Adapter.GetRoomsOf(id)?.Contains(room) ?? false}");

        var (client, sid) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/rooms");
        await using var _ = client;
        var ackId = 0;
        foreach (var (action, room) in new[] { ("join", "a"), ("join", "a"), ("leave", "a"), ("leave", "a"), ("join", "b") })
        {
            await client.SendTextAsync($"42/rooms,{++ackId}[\"{action}\",\"{room}\"]");
            Assert.NotNull(await client.ReceiveUntilAsync(p => p == $"43/rooms,{ackId}[]"));
        }

        // The state is changed before listeners hear of it: a joined room is there, a left one gone.
        Assert.Equal([$"+{sid}:{sid}:True", $"+a:{sid}:True", $"-a:{sid}:False", $"+b:{sid}:True"], log);

        log.Clear();
        await client.SendTextAsync("41/rooms,");
        await Eventually.TrueAsync(() => log.Count == 2, Wait);
        Assert.Equal([$"-{sid}:{sid}:False", $"-b:{sid}:False"], log);
    }

    [Fact]
    public async Task A_room_listener_that_throws_is_logged_and_the_join_still_happens()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/throwing").On("join", async e => { await e.Socket.JoinAsync("a"); await e.AckAsync(e.Socket.Rooms.Contains("a")); });
        ns.Adapter.RoomJoined += (_, _) => throw new InvalidOperationException("listener bug");

        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/throwing");
        await using var _1 = client;
        await client.SendTextAsync("42/throwing,1[\"join\"]");

        Assert.Equal("43/throwing,1[true]", await client.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NamespaceCreated_is_raised_once_per_namespace_however_many_threads_ask_for_it()
    {
        await using var server = await MinimalServer.StartAsync();
        var created = new ConcurrentQueue<ServerNamespace>();
        server.SocketIO.NamespaceCreated += created.Enqueue;

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => server.SocketIO.Of("/lazy"))));
        server.SocketIO.Of("/"); // exists already

        var ns = Assert.Single(created);
        Assert.Equal("/lazy", ns.Name);
        Assert.All(results, r => Assert.Same(ns, r));
    }

    [Fact]
    public async Task SocketConnected_is_raised_after_the_CONNECT_answer_and_never_for_a_refused_socket()
    {
        await using var server = await MinimalServer.StartAsync();
        var connected = new ConcurrentQueue<(string Id, bool Connected)>();
        var ns = server.SocketIO.Of("/hooks").Use(socket =>
            socket.Handshake.Auth.TryGetProperty("refuse", out var _1) ? throw new ConnectionRefusedException("no") : ValueTask.CompletedTask);
        ns.SocketConnected += socket => connected.Enqueue((socket.Id, socket.Connected));

        await using var refused = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await refused.ReceiveTextAsync();
        await refused.SendTextAsync("40/hooks,{\"refuse\":1}");
        Assert.Equal("44/hooks,{\"message\":\"no\"}", await refused.ReceiveUntilAsync(p => p.StartsWith("4", StringComparison.Ordinal)));
        var (client, sid) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/hooks");
        await using var _ = client;

        await Eventually.TrueAsync(() => !connected.IsEmpty, Wait);
        Assert.Equal([(sid, true)], connected);
    }

    [Fact]
    public async Task SocketDataChanged_is_raised_by_SetData_and_GetAllData_returns_a_copy_by_type()
    {
        await using var server = await MinimalServer.StartAsync();
        var changes = new ConcurrentQueue<int>();
        var ns = server.SocketIO.Of("/data").On("set", async e => { e.Socket.SetData(new List<string> { e.Arguments.GetString(0)! }); await e.AckAsync(); });
        ns.SocketDataChanged += socket => changes.Enqueue(socket.GetAllData().Count);

        var (client, sid) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/data");
        await using var _ = client;
        await client.SendTextAsync("42/data,1[\"set\",\"x\"]");
        Assert.NotNull(await client.ReceiveUntilAsync(p => p == "43/data,1[]"));

        Assert.Equal([1], changes);
        var data = ns.SocketsById[sid].GetAllData();
        Assert.Equal(["x"], Assert.IsType<List<string>>(data[typeof(List<string>)]));
        ns.SocketsById[sid].SetData("later");
        Assert.Single(data); // a copy: later changes do not show in it
    }

    [Fact]
    public async Task OnAnyOutgoing_sees_every_event_sent_once_per_target_with_its_arguments_and_never_an_ack()
    {
        await using var server = await MinimalServer.StartAsync();
        var seen = new ConcurrentQueue<string>();
        var ns = server.SocketIO.Of("/out").On("ask", e => e.AckAsync("answer"));
        ns.OnAnyOutgoing(e => seen.Enqueue($"{e.Socket.Id} {e.Name} {e.Arguments} {e.Arguments.AttachmentCount}"))
          .OnAnyOutgoing(_ => throw new InvalidOperationException("listener bug"));

        var (first, firstId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/out");
        await using var _1 = first;
        var (second, secondId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/out");
        await using var _2 = second;
        await first.SendTextAsync("42/out,1[\"ask\"]");
        Assert.Equal("43/out,1[\"answer\"]", await first.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));
        await ns.SocketsById[firstId].EmitAsync("direct", 1, "two");
        await ns.EmitAsync("everyone", new byte[] { 1, 2 });

        Assert.Equal("42/out,[\"direct\",1,\"two\"]", await first.ReceiveUntilAsync(p => p.Contains("direct", StringComparison.Ordinal)));
        Assert.NotNull(await second.ReceiveUntilAsync(p => p.Contains("everyone", StringComparison.Ordinal)));
        Assert.Equal(
            [$"{firstId} direct [1,\"two\"] 0", $"{firstId} everyone [{{\"_placeholder\":true,\"num\":0}}] 1", $"{secondId} everyone [{{\"_placeholder\":true,\"num\":0}}] 1"],
            seen.OrderBy(s => s.Contains("everyone", StringComparison.Ordinal)).ThenBy(s => s.StartsWith(secondId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_server_reports_connections_opened_upgraded_and_closed_and_every_message_and_packet()
    {
        await using var server = await MinimalServer.StartAsync();
        var log = new ConcurrentQueue<string>();
        long bytesIn = 0, bytesOut = 0;
        var io = server.SocketIO;
        io.ConnectionOpened += c => log.Enqueue($"opened {c.Transport}");
        io.ConnectionUpgraded += c => log.Enqueue($"upgraded {c.Transport}");
        io.ConnectionClosed += (c, reason) => log.Enqueue($"closed {reason}");
        io.MessageReceived += (_, m) => Interlocked.Add(ref bytesIn, m.Data.Length);
        io.PacketSent += (_, p) => Interlocked.Add(ref bytesOut, p.Frame.Length - 1 + p.Attachments.Sum(a => a.Length));
        io.Of("/stats").On("echo", e => e.AckAsync(e.Arguments));

        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();
        await polling.PostAsync("40/stats,");
        var connectAnswer = await polling.PollUntilAsync(p => p.StartsWith("40", StringComparison.Ordinal));
        await polling.PostAsync("42/stats,1[\"echo\",\"hi\"]");
        var ack = await polling.PollUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal));
        await using (var websocket = await RawWebSocketClient.ConnectAsync(server.BaseUrl, "EIO=4&transport=websocket&sid=" + polling.Sid))
        {
            await websocket.SendTextAsync("2probe");
            Assert.Equal("3probe", await websocket.ReceiveTextAsync());
            await websocket.SendTextAsync("5");
            await Eventually.TrueAsync(() => log.Count == 2, Wait);
            await websocket.SendTextAsync("1");
            await Eventually.TrueAsync(() => log.Count == 3, Wait);
        }

        Assert.Equal(["opened Polling", "upgraded WebSocket", "closed transport close"], log);
        Assert.Equal("3/stats,1[\"hi\"]", ack[1..]);
        // Bytes as Node's admin UI counts them: each Socket.IO packet without Engine.IO's message digit; heartbeats and probes aside.
        Assert.Equal("0/stats,".Length + "2/stats,1[\"echo\",\"hi\"]".Length, Interlocked.Read(ref bytesIn));
        Assert.Equal(connectAnswer.Length - 1 + ack.Length - 1, Interlocked.Read(ref bytesOut));
    }
}
