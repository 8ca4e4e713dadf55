using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Server.Operators;

/// <summary>
/// Every selection and flag of <see cref="BroadcastOperator"/>, against raw clients whose packets
/// are read off the wire: four sockets, A in r1, B in r1 and r2, C in r2, D in no room.
/// </summary>
public sealed class BroadcastOperatorTests : IAsyncLifetime
{
    private const string Ns = "/ops";
    private const string Marker = "42/ops,[\"marker\"]";

    private MinimalServer _server = null!;
    private ServerNamespace _ns = null!;
    private (RawWebSocketClient Client, string Id) _a, _b, _c, _d;

    private RecordingAdapter Adapter => (RecordingAdapter)_ns.Adapter;

    public async Task InitializeAsync()
    {
        _server = await MinimalServer.StartAsync(configure: options =>
        {
            options.AdapterFactory = ns => new RecordingAdapter(ns);
            options.EngineIO.MaxBufferedBytes = 64 * 1024 * 1024; // the volatile test queues 20 MB for a client that is not reading
        });
        _ns = _server.SocketIO.Of(Ns);
        _a = await NamespaceClient.ConnectAsync(_server.BaseUrl, Ns);
        _b = await NamespaceClient.ConnectAsync(_server.BaseUrl, Ns);
        _c = await NamespaceClient.ConnectAsync(_server.BaseUrl, Ns);
        _d = await NamespaceClient.ConnectAsync(_server.BaseUrl, Ns);
        await Socket(_a).JoinAsync("r1");
        await Socket(_b).JoinAsync(["r1", "r2"]);
        await Socket(_c).JoinAsync("r2");
    }

    public async Task DisposeAsync()
    {
        foreach (var (client, _) in new[] { _a, _b, _c, _d })
        {
            await client.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    [Fact]
    public async Task To_In_and_Except_select_by_room_by_rooms_and_by_socket()
    {
        await _ns.To("r1").EmitAsync("e", 1);
        await _ns.In("r2").EmitAsync("e", 2);
        await _ns.To("r1").Except("r2").EmitAsync("e", 3);
        await _ns.To(["r1", "r2"]).EmitAsync("e", 4); // B, in both, gets it once
        await _ns.All.Except(["r1", "r2"]).EmitAsync("e", 5);
        await _ns.All.In(["r1"]).Except(Socket(_a)).EmitAsync("e", 6);
        await _ns.Except("r1").EmitAsync("e", 7);
        await _ns.All.To(_c.Id).EmitAsync("e", 8); // a socket's id is a room of its own
        await _ns.EmitAsync("marker");

        Assert.Equal(Events(1, 3, 4), await _a.Client.PacketsBeforeAsync(Marker));
        Assert.Equal(Events(1, 2, 4, 6), await _b.Client.PacketsBeforeAsync(Marker));
        Assert.Equal(Events(2, 4, 7, 8), await _c.Client.PacketsBeforeAsync(Marker));
        Assert.Equal(Events(5, 7), await _d.Client.PacketsBeforeAsync(Marker));
    }

    [Fact]
    public async Task SocketsJoinAsync_and_SocketsLeaveAsync_move_the_selected_sockets_and_an_emptied_room_is_removed()
    {
        var roomsBefore = InnerRoomCount();

        await _ns.To("r1").SocketsJoinAsync("r3");
        await _ns.All.Except("r1").SocketsJoinAsync("r4", "r5");
        await _ns.In("r3").SocketsLeaveAsync("r1");

        Assert.Equal(Sorted([_a.Id, "r3"]), Sorted(Socket(_a).Rooms));
        Assert.Equal(Sorted([_b.Id, "r2", "r3"]), Sorted(Socket(_b).Rooms));
        Assert.Equal(Sorted([_c.Id, "r2", "r4", "r5"]), Sorted(Socket(_c).Rooms));
        Assert.Equal(Sorted([_d.Id, "r4", "r5"]), Sorted(Socket(_d).Rooms));
        Assert.Empty(await _ns.To("r1").FetchSocketsAsync());
        Assert.Equal(roomsBefore - 1 + 3, InnerRoomCount()); // r1 gone; r3, r4, r5 made

        await _ns.To("r3").EmitAsync("e", "r3");
        await _ns.EmitAsync("marker");
        Assert.Equal(["42/ops,[\"e\",\"r3\"]"], await _a.Client.PacketsBeforeAsync(Marker));
        Assert.Equal(["42/ops,[\"e\",\"r3\"]"], await _b.Client.PacketsBeforeAsync(Marker));
        Assert.Empty(await _c.Client.PacketsBeforeAsync(Marker));
    }

    [Fact]
    public async Task FetchSocketsAsync_returns_exactly_the_selected_sockets()
    {
        Assert.Equal(Sorted([_a.Id, _b.Id, _c.Id, _d.Id]), Ids(await _ns.FetchSocketsAsync()));
        Assert.Equal(Sorted([_a.Id, _b.Id]), Ids(await _ns.To("r1").FetchSocketsAsync()));
        Assert.Equal([_a.Id], Ids(await _ns.To("r1").Except(Socket(_b)).FetchSocketsAsync()));
        Assert.Equal(Sorted([_a.Id, _b.Id, _c.Id]), Ids(await _ns.To(["r1", "r2"]).FetchSocketsAsync()));
        Assert.Equal([_d.Id], Ids(await _ns.All.Except(["r1", "r2"]).FetchSocketsAsync()));
        Assert.Empty(await _ns.To("nobody-here").FetchSocketsAsync());
    }

    [Fact]
    public async Task DisconnectSocketsAsync_ends_the_selected_sockets_namespace_only_or_with_their_connections()
    {
        var reasons = DisconnectRecorder.On(_ns);

        await _ns.To("r1").Except("r2").DisconnectSocketsAsync();
        await _ns.In(_c.Id).DisconnectSocketsAsync(close: true);

        // A leaves the namespace and is told so; its connection stays, and may join again.
        Assert.Equal("41/ops,", await _a.Client.ReceiveUntilAsync(p => p.StartsWith("41", StringComparison.Ordinal)));
        Assert.Equal(DisconnectReason.ServerNamespaceDisconnect, await reasons.ReasonOf(_a.Id));
        await _a.Client.SendTextAsync("40/ops,");
        Assert.NotNull(await _a.Client.ReceiveUntilAsync(p => p.StartsWith("40/ops,{\"sid\":", StringComparison.Ordinal)));

        // C is told, then its whole connection closes.
        Assert.Equal("41/ops,", await _c.Client.ReceiveUntilAsync(p => p.StartsWith("41", StringComparison.Ordinal)));
        Assert.True(await _c.Client.WaitForCloseAsync(), "the connection stayed open");
        Assert.Equal(DisconnectReason.ServerNamespaceDisconnect, await reasons.ReasonOf(_c.Id));

        Assert.True(_ns.SocketsById.ContainsKey(_b.Id) && _ns.SocketsById.ContainsKey(_d.Id), "a socket that was not selected left");
        Assert.False(_ns.SocketsById.ContainsKey(_a.Id) || _ns.SocketsById.ContainsKey(_c.Id), "a selected socket stayed");
        Assert.False(reasons.HasDisconnected(_b.Id));
        Assert.False(reasons.HasDisconnected(_d.Id));
    }

    [Fact]
    public async Task Local_and_Compress_reach_the_adapter_and_a_local_broadcast_is_still_delivered_here()
    {
        var plain = _ns.To("r1");
        var local = plain.Local.Compress(true).Compress(false).Except("r2");

        await plain.EmitAsync("e", "plain");
        await local.EmitAsync("e", "local");
        await _ns.EmitAsync("marker");

        Assert.Equal(["42/ops,[\"e\",\"plain\"]", "42/ops,[\"e\",\"local\"]"], await _a.Client.PacketsBeforeAsync(Marker));
        Assert.Equal(["42/ops,[\"e\",\"plain\"]"], await _b.Client.PacketsBeforeAsync(Marker));
        var broadcasts = Adapter.CallsOf(nameof(SocketIOAdapter.BroadcastAsync));
        var (sentPlain, sentLocal) = (broadcasts[0].Options!, broadcasts[1].Options!);
        Assert.Equal((false, true, false), (sentPlain.Local, sentPlain.Compress, sentPlain.Volatile));
        Assert.Equal((true, false, false), (sentLocal.Local, sentLocal.Compress, sentLocal.Volatile));
        Assert.Equal(["r1"], sentLocal.Rooms);
        Assert.Equal(["r2"], sentLocal.Except);
    }

    [Fact]
    public void Each_operator_call_makes_a_new_selection_and_leaves_the_one_it_was_called_on_unchanged()
    {
        var plain = _ns.To("r1");
        var flagged = plain.Volatile.Timeout(TimeSpan.FromSeconds(3)).Except("r2").To("r3");

        Assert.Equal((false, null, 0), (plain.Options.Volatile, plain.Options.Timeout, plain.Options.Except.Count));
        Assert.Equal(["r1"], plain.Options.Rooms);
        Assert.Equal((true, TimeSpan.FromSeconds(3)), (flagged.Options.Volatile, flagged.Options.Timeout));
        Assert.Equal(["r1", "r3"], Sorted(flagged.Options.Rooms));
        Assert.Equal(["r2"], flagged.Options.Except);
        Assert.Same(_ns, flagged.Namespace);
    }

    [Fact]
    public async Task A_volatile_broadcast_reaches_an_idle_websocket_and_is_dropped_for_one_still_writing()
    {
        await _ns.In(_d.Id).Volatile.EmitAsync("tick", 1);
        Assert.Equal("42/ops,[\"tick\",1]", await _d.Client.ReceiveUntilAsync(p => p.StartsWith("42", StringComparison.Ordinal)));

        // D is not reading: 20 MB cannot all be written before it does, so its queue is busy.
        var chunk = new string('x', 500_000);
        for (var i = 0; i < 40; i++)
        {
            await _ns.In(_d.Id).EmitAsync("bulk", chunk);
        }

        await _ns.In(_d.Id).Volatile.EmitAsync("tick", 2);
        await _ns.In(_d.Id).EmitAsync("marker");

        var received = await _d.Client.PacketsBeforeAsync(Marker);
        Assert.Equal(40, received.Count(p => p.StartsWith("42/ops,[\"bulk\"", StringComparison.Ordinal)));
        Assert.DoesNotContain("42/ops,[\"tick\",2]", received);
        Assert.Equal(40, received.Count);
    }

    [Fact]
    public async Task A_reserved_event_name_is_refused_before_anything_is_sent()
    {
        var refused = Assert.Throws<ArgumentException>(() => { _ = _ns.To("r1").EmitAsync("disconnect"); });
        Assert.Contains("reserved", refused.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => _ns.All.EmitWithAckAsync("connect"));

        Assert.Empty(Adapter.CallsOf(nameof(SocketIOAdapter.BroadcastAsync)));
        Assert.Empty(Adapter.CallsOf(nameof(SocketIOAdapter.BroadcastWithAckAsync)));
    }

    private Socket Socket((RawWebSocketClient Client, string Id) client) => _ns.SocketsById[client.Id];

    private int InnerRoomCount() => Adapter.InnerRoomCount;

    private static string[] Events(params int[] values) => [.. values.Select(value => $"42/ops,[\"e\",{value}]")];

    private static string[] Sorted(IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];

    private static string[] Ids(IReadOnlyList<Socket> sockets) => Sorted(sockets.Select(socket => socket.Id));
}
