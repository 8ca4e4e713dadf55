using TypedSocketIO.Dispatch;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>Broadcasts with acknowledgements that are cancelled, or whose targets leave while they wait.</summary>
public sealed class BroadcastAckTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_cancelled_broadcast_ack_leaves_no_ack_entry_on_any_target()
    {
        // The clients read only when the test says so: no heartbeat may close them meanwhile.
        await using var server = await TestServer.StartWithLongHeartbeatAsync();
        var ns = server.Server.Of("/broadcast-cancel");
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RawWebSocketClient.JoinAsync(server.BaseUrl, "/broadcast-cancel")));
        using var cancel = new CancellationTokenSource();
        var ackId = ns.NextAckId();
        var packet = PacketBuilder.EncodeEvent(ns.Name, "poll", [], server.Server.JsonOptions, ackId);

        var broadcast = ns.All.Timeout(TimeSpan.FromSeconds(30)).SendWithAckAsync(packet, ackId, cancel.Token);
        foreach (var client in clients)
        {
            Assert.Equal($"42/broadcast-cancel,{ackId}[\"poll\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42/broadcast-cancel,")));
        }

        Assert.All(ns.SocketsById.Values, socket => Assert.Equal(1, socket.PendingAckCount));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => broadcast.WaitAsync(Wait));
        Assert.Equal(3, ns.SocketsById.Count);
        Assert.All(ns.SocketsById.Values, socket => Assert.Equal(0, socket.PendingAckCount));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_target_that_disconnects_ends_a_long_broadcast_wait_as_soon_as_the_others_answered()
    {
        await using var server = await TestServer.StartWithLongHeartbeatAsync();
        var ns = server.Server.Of("/broadcast-leave");
        await using var staying = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/broadcast-leave");
        var leaving = await RawWebSocketClient.JoinAsync(server.BaseUrl, "/broadcast-leave");

        var broadcast = ns.All.Timeout(TimeSpan.FromSeconds(30)).EmitWithAckAsync("poll");
        var question = await staying.ReceiveUntilAsync(p => p.StartsWith("42/broadcast-leave,"));
        await leaving.ReceiveUntilAsync(p => p.StartsWith("42/broadcast-leave,"));
        await leaving.DisposeAsync(); // leaves without answering
        var id = question!["42/broadcast-leave,".Length..question!.IndexOf('[')];
        await staying.SendTextAsync($"43/broadcast-leave,{id}[\"here\"]");

        // Not after the 30 s timeout: the one still connected has answered, the other can never answer.
        var failure = await Assert.ThrowsAsync<BroadcastAckTimeoutException>(() => broadcast.WaitAsync(Wait));
        Assert.Equal("here", Assert.Single(failure.Responses).GetString(0));
        Assert.Equal(2, failure.Expected);
        Assert.Equal(1, failure.Disconnected);
        Assert.All(ns.SocketsById.Values, socket => Assert.Equal(0, socket.PendingAckCount));
    }

}
