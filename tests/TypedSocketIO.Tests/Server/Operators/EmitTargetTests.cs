using TypedSocketIO.Dispatch;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Server.Operators;

/// <summary>
/// <see cref="EmitTarget"/>, what generated client proxies send through: one socket or a
/// selection, with the same flags as <see cref="BroadcastOperator"/>.
/// </summary>
public sealed class EmitTargetTests
{
    [Fact]
    public async Task A_socket_target_sends_to_its_socket_and_a_broadcast_target_carries_Local_Volatile_and_its_rooms_to_the_adapter()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.AdapterFactory = ns => new RecordingAdapter(ns));
        var ns = server.SocketIO.Of("/target");
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/target");
        await using var _1 = client;
        var socket = ns.SocketsById[socketId];
        await socket.JoinAsync("room");

        var single = EmitTarget.ForSocket(socket);
        var broadcast = EmitTarget.ForBroadcast(ns.All).To("room").Except("nobody").Local.Volatile;
        using (var packet = PacketBuilder.ForEvent("direct", single.JsonOptions))
        {
            packet.Write(1);
            await single.SendAsync(packet);
        }

        Assert.Equal("42/target,[\"direct\",1]", await client.ReceiveUntilAsync(p => p.StartsWith("42", StringComparison.Ordinal)));
        using (var packet = PacketBuilder.ForEvent("selected", broadcast.JsonOptions))
        {
            await broadcast.SendAsync(packet);
        }

        Assert.True(single.IsSingleSocket);
        Assert.False(broadcast.IsSingleSocket);
        Assert.Same(ns, broadcast.Namespace);
        var sent = Assert.Single(((RecordingAdapter)ns.Adapter).CallsOf(nameof(SocketIOAdapter.BroadcastAsync)));
        Assert.Equal("42/target,[\"selected\"]", sent.Detail);
        Assert.Equal((true, true), (sent.Options!.Local, sent.Options.Volatile));
        Assert.Equal(["room"], sent.Options.Rooms);
        Assert.Equal(["nobody"], sent.Options.Except);
    }

    [Fact]
    public async Task A_broadcast_target_refuses_a_single_answer_and_a_socket_target_gathers_its_answer_as_a_list()
    {
        await using var server = await MinimalServer.StartAsync();
        var ns = server.SocketIO.Of("/target-ack");
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/target-ack");
        await using var _1 = client;
        using var packet = PacketBuilder.ForEvent("poll");

        var refused = Assert.Throws<InvalidOperationException>(() => { _ = EmitTarget.ForBroadcast(ns.All).SendWithAckAsync(packet); });
        Assert.Contains("IReadOnlyList", refused.Message);

        var answers = EmitTarget.ForSocket(ns.SocketsById[socketId]).Timeout(TimeSpan.FromSeconds(10)).BroadcastWithAckAsync(packet);
        Assert.Equal("42/target-ack,0[\"poll\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42", StringComparison.Ordinal)));
        await client.SendTextAsync("43/target-ack,0[\"me\"]");
        Assert.Equal("me", Assert.Single(await answers.WaitAsync(TimeSpan.FromSeconds(10))).GetString(0));
    }
}
