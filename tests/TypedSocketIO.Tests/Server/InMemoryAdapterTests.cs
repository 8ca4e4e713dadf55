using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Server;

/// <summary>
/// The default adapter on its own, with in-memory clients (no network): how rooms are joined,
/// left and dropped once empty, and which sockets a selection of rooms and exclusions reaches.
/// </summary>
public sealed class InMemoryAdapterTests : IAsyncLifetime
{
    private OfflineNamespace _ns = null!;
    private Socket _a = null!;
    private Socket _b = null!;
    private Socket _c = null!;

    private InMemoryAdapter Adapter => _ns.Adapter;

    public async Task InitializeAsync()
    {
        _ns = new OfflineNamespace();
        _a = await _ns.ConnectAsync();
        _b = await _ns.ConnectAsync();
        _c = await _ns.ConnectAsync();
    }

    public async Task DisposeAsync() => await _ns.DisposeAsync();

    [Fact]
    public void A_connected_socket_is_in_its_own_room_only()
    {
        Assert.Equal([_a.Id], Adapter.GetRoomsOf(_a.Id)!);
        Assert.Equal(3, Adapter.RoomCount);
    }

    [Fact]
    public async Task Joined_rooms_are_listed_for_the_socket_and_the_socket_for_each_room()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1", "r2"]);
        await Adapter.AddToRoomsAsync(_b.Id, ["r2"]);

        Assert.Equal(Sorted(_a.Id, "r1", "r2"), Sorted(Adapter.GetRoomsOf(_a.Id)!));
        Assert.Equal([_a.Id], await Adapter.GetSocketIdsAsync(Rooms("r1")));
        Assert.Equal(Sorted(_a.Id, _b.Id), Sorted(await Adapter.GetSocketIdsAsync(Rooms("r2"))));
        Assert.Equal(3 + 2, Adapter.RoomCount);
    }

    [Fact]
    public async Task Joining_a_room_twice_keeps_one_membership()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1"]);
        await Adapter.AddToRoomsAsync(_a.Id, ["r1", "r1"]);
        await Adapter.RemoveFromRoomAsync(_a.Id, "r1");

        Assert.Equal([_a.Id], Adapter.GetRoomsOf(_a.Id)!);
        Assert.Empty(await Adapter.GetSocketIdsAsync(Rooms("r1")));
    }

    [Fact]
    public async Task Leaving_a_room_removes_the_socket_and_the_room_once_empty()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1"]);
        await Adapter.AddToRoomsAsync(_b.Id, ["r1"]);

        await Adapter.RemoveFromRoomAsync(_a.Id, "r1");
        Assert.Equal([_b.Id], await Adapter.GetSocketIdsAsync(Rooms("r1")));
        Assert.Equal([_a.Id], Adapter.GetRoomsOf(_a.Id)!);
        Assert.Equal(3 + 1, Adapter.RoomCount);

        await Adapter.RemoveFromRoomAsync(_b.Id, "r1");
        Assert.Equal(3, Adapter.RoomCount); // the empty room is gone, not kept as an empty set
    }

    [Fact]
    public async Task Leaving_a_room_one_is_not_in_or_an_unknown_socket_changes_nothing()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1"]);

        await Adapter.RemoveFromRoomAsync(_a.Id, "elsewhere");
        await Adapter.RemoveFromRoomAsync(_b.Id, "r1");
        await Adapter.RemoveFromRoomAsync("nobody", "r1");
        await Adapter.RemoveFromAllRoomsAsync("nobody");

        Assert.Equal([_a.Id], await Adapter.GetSocketIdsAsync(Rooms("r1")));
        Assert.Equal(3 + 1, Adapter.RoomCount);
    }

    [Fact]
    public async Task Leaving_every_room_takes_the_own_room_too_and_drops_rooms_left_empty()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1", "shared"]);
        await Adapter.AddToRoomsAsync(_b.Id, ["shared"]);

        await Adapter.RemoveFromAllRoomsAsync(_a.Id);

        Assert.Null(Adapter.GetRoomsOf(_a.Id));
        Assert.Empty(await Adapter.GetSocketIdsAsync(Rooms(_a.Id)));
        Assert.Equal([_b.Id], await Adapter.GetSocketIdsAsync(Rooms("shared")));
        Assert.Equal(2 + 1, Adapter.RoomCount); // b's and c's own rooms, and "shared"
    }

    [Fact]
    public async Task A_socket_that_disconnects_leaves_every_room()
    {
        await _a.JoinAsync(["r1", "r2"]);

        await _a.DisconnectAsync();

        Assert.Null(Adapter.GetRoomsOf(_a.Id));
        Assert.Empty(await Adapter.GetSocketIdsAsync(Rooms("r1")));
        Assert.Equal(2, Adapter.RoomCount);
    }

    [Fact]
    public async Task A_socket_id_is_a_room_that_reaches_that_socket()
    {
        Assert.Equal([_b.Id], await Adapter.GetSocketIdsAsync(Rooms(_b.Id)));

        await Adapter.RemoveFromRoomAsync(_b.Id, _b.Id);
        Assert.Empty(await Adapter.GetSocketIdsAsync(Rooms(_b.Id)));
        Assert.Null(Adapter.GetRoomsOf(_b.Id));
    }

    [Fact]
    public async Task Several_rooms_select_their_union_with_each_socket_once()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1"]);
        await Adapter.AddToRoomsAsync(_b.Id, ["r1", "r2"]);

        Assert.Equal(Sorted(_a.Id, _b.Id), Sorted(await Adapter.GetSocketIdsAsync(Rooms("r1", "r2"))));
        Assert.Equal(Sorted(_a.Id, _b.Id, _c.Id), Sorted(await Adapter.GetSocketIdsAsync(Rooms("r1", _c.Id, _a.Id))));
    }

    [Fact]
    public async Task No_rooms_select_every_socket_of_the_namespace()
    {
        Assert.Equal(Sorted(_a.Id, _b.Id, _c.Id), Sorted(await Adapter.GetSocketIdsAsync(Rooms())));
    }

    [Fact]
    public async Task Rooms_of_an_id_not_connected_here_reach_nobody()
    {
        await Adapter.AddToRoomsAsync("not-connected", ["r1"]);

        Assert.Empty(await Adapter.GetSocketIdsAsync(Rooms("r1")));
        Assert.Empty(await Adapter.GetSocketIdsAsync(Rooms("not-connected")));
    }

    [Fact]
    public async Task Except_leaves_out_the_members_of_an_excluded_room_and_a_socket_by_its_id()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1"]);
        await Adapter.AddToRoomsAsync(_b.Id, ["r1", "muted"]);

        Assert.Equal(Sorted(_a.Id, _c.Id), await SelectedAsync(new BroadcastOptions { Except = Rooms("muted") }));
        Assert.Equal([_a.Id], await SelectedAsync(new BroadcastOptions { Rooms = Rooms("r1"), Except = Rooms("muted") }));
        Assert.Equal([_b.Id], await SelectedAsync(new BroadcastOptions { Rooms = Rooms("r1"), Except = Rooms(_a.Id) }));
        Assert.Equal([_c.Id], await SelectedAsync(new BroadcastOptions { Except = Rooms("r1") }));
        Assert.Empty(await SelectedAsync(new BroadcastOptions { Rooms = Rooms("r1"), Except = Rooms("r1") }));
        Assert.Equal(Sorted(_a.Id, _b.Id, _c.Id), await SelectedAsync(new BroadcastOptions { Except = Rooms("nobody's room") }));
    }

    [Fact]
    public async Task Broadcast_queues_the_packet_once_for_each_selected_socket_and_for_no_other()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1"]);
        await Adapter.AddToRoomsAsync(_b.Id, ["r1", "r2"]);

        await Adapter.BroadcastAsync(Encoded("news"), new BroadcastOptions { Rooms = Rooms("r1", "r2") });

        Assert.Equal(["42/offline,[\"news\"]"], OfflineNamespace.TakeSent(_a));
        Assert.Equal(["42/offline,[\"news\"]"], OfflineNamespace.TakeSent(_b));
        Assert.Empty(OfflineNamespace.TakeSent(_c));
    }

    [Fact]
    public async Task Selected_sockets_join_and_leave_rooms_together()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1"]);
        await Adapter.AddToRoomsAsync(_b.Id, ["r1"]);

        await Adapter.AddSocketsToRoomsAsync(new BroadcastOptions { Rooms = Rooms("r1"), Except = Rooms(_b.Id) }, ["x", "y"]);
        Assert.Equal(Sorted(_a.Id, "r1", "x", "y"), Sorted(Adapter.GetRoomsOf(_a.Id)!));
        Assert.Equal(Sorted(_b.Id, "r1"), Sorted(Adapter.GetRoomsOf(_b.Id)!));

        await Adapter.RemoveSocketsFromRoomsAsync(new BroadcastOptions(), ["r1", "x"]);
        Assert.Equal(Sorted(_a.Id, "y"), Sorted(Adapter.GetRoomsOf(_a.Id)!));
        Assert.Equal([_b.Id], Adapter.GetRoomsOf(_b.Id)!);
        Assert.Equal(3 + 1, Adapter.RoomCount);
    }

    [Fact]
    public async Task A_leave_cannot_complete_between_a_broadcast_choosing_the_socket_and_queueing_its_packet()
    {
        await Adapter.AddToRoomsAsync(_a.Id, ["r1"]);
        await Adapter.AddToRoomsAsync(_b.Id, ["r1"]);
        Task? leaving = null;
        bool? leftWhenQueued = null;
        _ns.Namespace.OnAnyOutgoing(sent =>
        {
            if (leaving is null)
            {
                // The first target's packet starts the other target's leave on another thread and
                // gives it time to finish: it must wait for the broadcast to be queued to both.
                var other = sent.Socket == _a ? _b : _a;
                leaving = Task.Run(() => Adapter.RemoveFromRoomAsync(other.Id, "r1").AsTask());
                leaving.Wait(TimeSpan.FromMilliseconds(300));
            }
            else
            {
                leftWhenQueued = leaving.IsCompleted;
            }
        });

        await Adapter.BroadcastAsync(Encoded("news"), new BroadcastOptions { Rooms = Rooms("r1") });
        await leaving!.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(leftWhenQueued, "the leave completed before the broadcast that chose the socket was queued to it");
        Assert.Equal(["42/offline,[\"news\"]"], OfflineNamespace.TakeSent(_a));
        Assert.Equal(["42/offline,[\"news\"]"], OfflineNamespace.TakeSent(_b));
        Assert.Single(await Adapter.GetSocketIdsAsync(Rooms("r1")));
    }

    private static IReadOnlySet<string> Rooms(params string[] rooms) => rooms.ToHashSet(StringComparer.Ordinal);

    private static string[] Sorted(params IEnumerable<string> ids) => [.. ids.Order(StringComparer.Ordinal)];

    private async Task<string[]> SelectedAsync(BroadcastOptions options) =>
        Sorted((await Adapter.FetchSocketsAsync(options)).Select(socket => socket.Id));

    private Dispatch.OutgoingPacket Encoded(string eventName) =>
        Dispatch.PacketBuilder.EncodeEvent(_ns.Namespace.Name, eventName, [], _ns.Server.JsonOptions);
}
