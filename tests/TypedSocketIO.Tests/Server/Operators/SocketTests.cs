using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Server.Operators;

/// <summary>What a handler does with its <see cref="Socket"/>: its state, its transport, its broadcasts, and its end.</summary>
public sealed class SocketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public sealed record Profile(string Name);

    public sealed record Session(int Visits);

    [Fact]
    public async Task DisconnectToken_cancels_the_work_of_a_socket_when_it_disconnects()
    {
        await using var server = await MinimalServer.StartAsync();
        var started = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.SocketIO.Of("/work").On("long-work", async e =>
        {
            started.SetResult(e.Socket);
            try
            {
                await Task.Delay(Timeout.Infinite, e.Socket.DisconnectToken);
                ended.SetResult("finished");
            }
            catch (OperationCanceledException)
            {
                ended.SetResult("cancelled");
            }
        });
        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/work");
        await using var _1 = client;
        await client.SendTextAsync("42/work,[\"long-work\"]");
        var socket = await started.Task.WaitAsync(Wait);
        Assert.False(socket.DisconnectToken.IsCancellationRequested);

        await client.SendTextAsync("41/work,");

        Assert.Equal("cancelled", await ended.Task.WaitAsync(Wait));
        Assert.False(socket.Connected);
        Assert.True(socket.DisconnectToken.IsCancellationRequested);
    }

    [Fact]
    public async Task DisconnectToken_is_cancelled_when_the_connection_drops_and_is_born_cancelled_after_the_socket_left()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/drop");
        var reasons = DisconnectRecorder.On(ns);
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/drop");
        var socket = ns.SocketsById[socketId];
        var token = socket.DisconnectToken;
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = token.Register(() => cancelled.SetResult());

        client.Socket.Abort();
        await client.DisposeAsync();

        await cancelled.Task.WaitAsync(Wait);
        Assert.Equal(DisconnectReason.TransportClose, await reasons.ReasonOf(socketId));
        Assert.True(socket.DisconnectToken.IsCancellationRequested);
    }

    [Fact]
    public async Task SetData_GetData_and_Items_keep_per_socket_state_from_middleware_to_every_event()
    {
        await using var server = await MinimalServer.StartAsync();
        server.SocketIO.Of("/state")
            .Use(socket =>
            {
                socket.SetData(new Profile(socket.Handshake.Auth.GetProperty("name").GetString()!));
                socket.Items["visits"] = 0;
                return ValueTask.CompletedTask;
            })
            .On("visit", async e =>
            {
                var visits = (int)e.Socket.Items["visits"]! + 1;
                e.Socket.Items["visits"] = visits;
                e.Socket.SetData(new Session(visits)); // one value per type: replaces the last one
                await e.AckAsync(e.Socket.GetData<Profile>()!.Name, e.Socket.GetData<Session>()!.Visits);
            })
            .On("unset", e => e.AckAsync(e.Socket.GetData<Session>() is null, e.Socket.Items.ContainsKey("never set")));
        var ann = await ConnectWithAuthAsync(server, "/state", "{\"name\":\"ann\"}");
        await using var _1 = ann;
        var bob = await ConnectWithAuthAsync(server, "/state", "{\"name\":\"bob\"}");
        await using var _2 = bob;

        await bob.SendTextAsync("42/state,1[\"unset\"]");
        Assert.Equal("43/state,1[true,false]", await bob.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));
        foreach (var (ackId, visits) in new[] { (2, 1), (3, 2) })
        {
            await ann.SendTextAsync($"42/state,{ackId}[\"visit\"]");
            Assert.Equal($"43/state,{ackId}[\"ann\",{visits}]", await ann.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));
        }

        await bob.SendTextAsync("42/state,4[\"visit\"]");
        Assert.Equal("43/state,4[\"bob\",1]", await bob.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Transport_is_polling_until_the_upgrade_and_websocket_after_it()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/transport").On("transport", e => e.AckAsync(e.Socket.Transport.ToString()));
        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();
        await polling.PostAsync("40/transport,\u001e42/transport,1[\"transport\"]");
        Assert.Equal("43/transport,1[\"Polling\"]", await polling.PollUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));
        var socket = Assert.Single(ns.SocketsById.Values);
        Assert.Equal(EngineIOTransports.Polling, socket.Transport);

        await using var websocket = await RawWebSocketClient.ConnectAsync(server.BaseUrl, "EIO=4&transport=websocket&sid=" + polling.Sid);
        await websocket.SendTextAsync("2probe");
        Assert.Equal("3probe", await websocket.ReceiveTextAsync());
        await websocket.SendTextAsync("5");
        await Eventually.TrueAsync(() => socket.Transport == EngineIOTransports.WebSocket, Wait);

        await websocket.SendTextAsync("42/transport,2[\"transport\"]");
        Assert.Equal("43/transport,2[\"WebSocket\"]", await websocket.ReceiveUntilAsync(p => p.StartsWith("43", StringComparison.Ordinal)));
        Assert.Equal(polling.Sid, socket.ConnectionId);
    }

    [Fact]
    public async Task Broadcast_To_In_and_Except_from_a_socket_reach_the_others_and_never_the_socket_itself()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/from-socket");
        var (sender, senderId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/from-socket");
        await using var _1 = sender;
        var (member, memberId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/from-socket");
        await using var _2 = member;
        var (outsider, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/from-socket");
        await using var _3 = outsider;
        var socket = ns.SocketsById[senderId];
        await socket.JoinAsync("room");
        await ns.SocketsById[memberId].JoinAsync(["room", "vip"]);

        await socket.Broadcast.EmitAsync("e", "broadcast");
        await socket.To("room").EmitAsync("e", "to room");
        await socket.In("room").EmitAsync("e", "in room");
        await socket.To(["room", "vip"]).EmitAsync("e", "to rooms");
        await socket.Except("vip").EmitAsync("e", "except vip");
        await ns.EmitAsync("marker");

        const string Marker = "42/from-socket,[\"marker\"]";
        Assert.Empty(await sender.PacketsBeforeAsync(Marker));
        Assert.Equal(
            ["42/from-socket,[\"e\",\"broadcast\"]", "42/from-socket,[\"e\",\"to room\"]", "42/from-socket,[\"e\",\"in room\"]", "42/from-socket,[\"e\",\"to rooms\"]"],
            await member.PacketsBeforeAsync(Marker));
        Assert.Equal(["42/from-socket,[\"e\",\"broadcast\"]", "42/from-socket,[\"e\",\"except vip\"]"], await outsider.PacketsBeforeAsync(Marker));
    }

    [Fact]
    public async Task An_emit_with_ack_fails_with_SocketDisconnectedException_when_the_socket_leaves_and_at_once_after()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/gone");
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/gone");
        await using var _1 = client;
        var socket = ns.SocketsById[socketId];

        var waiting = socket.EmitWithAckAsync("question");
        Assert.Equal("42/gone,0[\"question\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42", StringComparison.Ordinal)));
        await client.SendTextAsync("41/gone,");

        var left = await Assert.ThrowsAsync<SocketDisconnectedException>(() => waiting.WaitAsync(Wait));
        Assert.Equal(socketId, left.SocketId);
        await Assert.ThrowsAsync<SocketDisconnectedException>(() => socket.EmitWithAckAsync("again").WaitAsync(Wait));
        Assert.Equal(0, socket.PendingAckCount);
    }

    [Fact]
    public async Task A_clients_sockets_share_one_connection_id_and_DisconnectAsync_with_close_ends_them_all()
    {
        await using var server = await MinimalServer.StartAsync();
        var first = server.SocketIO.Of("/first");
        var second = server.SocketIO.Of("/second");
        var (client, firstId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/first");
        await using var _1 = client;
        await client.SendTextAsync("40/second,");
        var secondId = Hardening.SlowClientTests.ConnectedSid(await client.ReceiveUntilAsync(p => p.StartsWith("40/second,", StringComparison.Ordinal)));
        var (a, b) = (first.SocketsById[firstId], second.SocketsById[secondId]);

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(a.ConnectionId, b.ConnectionId);
        Assert.Same(first, a.Namespace);
        Assert.Same(server.SocketIO, b.Server);

        await a.DisconnectAsync(close: true);

        var packets = new List<string>();
        Assert.Null(await client.ReceiveUntilAsync(p =>
        {
            packets.Add(p);
            return false;
        }));
        Assert.Equal(["41/first,", "41/second,"], packets.Where(p => p.StartsWith("41", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.False(a.Connected || b.Connected);
        Assert.Equal(0, server.SocketIO.ConnectionCount);
    }

    [Fact]
    public async Task The_handshake_tells_when_the_connection_began_and_reads_the_auth_as_a_type()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/handshake");
        var before = DateTimeOffset.UtcNow;
        await using var client = await ConnectWithAuthAsync(server, "/handshake", "{\"name\":\"ann\"}");
        var after = DateTimeOffset.UtcNow;

        var handshake = Assert.Single(ns.SocketsById.Values).Handshake;
        Assert.InRange(handshake.IssuedAt, before.AddSeconds(-1), after.AddSeconds(1)); // the clock's resolution
        Assert.Equal(new Profile("ann"), handshake.GetAuth(OperatorJsonContext.Default.Profile));
        Assert.StartsWith("/socket.io/?EIO=4&transport=websocket", handshake.Url);
    }

    private static async Task<RawWebSocketClient> ConnectWithAuthAsync(MinimalServer server, string ns, string auth)
    {
        var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await client.ReceiveTextAsync();
        await client.SendTextAsync($"40{ns},{auth}");
        Assert.NotNull(await client.ReceiveUntilAsync(p => p.StartsWith($"40{ns},{{\"sid\":", StringComparison.Ordinal)));
        return client;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(SocketTests.Profile))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
internal sealed partial class OperatorJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
