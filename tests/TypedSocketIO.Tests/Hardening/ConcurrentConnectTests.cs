using System.Net;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>
/// Two CONNECTs to one namespace that overlap: a polling POST still in the namespace's middleware
/// while the WebSocket takes over and sends the same CONNECT. The WebSocket waits for the POST,
/// and the second CONNECT then finds the namespace joined.
/// </summary>
public sealed class ConcurrentConnectTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_connect_while_the_first_connect_to_that_namespace_is_in_its_middleware_is_ignored()
    {
        // The polling client does not poll, so it answers no ping until it has upgraded.
        await using var server = await TestServer.StartWithLongHeartbeatAsync();
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var ns = server.Server.Of("/slow-connect").Use(async _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                firstEntered.SetResult();
                await releaseFirst.Task;
            }
        });

        // The first CONNECT arrives over polling; its POST stays open while the middleware runs.
        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();
        var post = polling.PostAsync("40/slow-connect,");
        await firstEntered.Task.WaitAsync(Wait);

        // Meanwhile the client upgrades and sends the same CONNECT over the WebSocket.
        await using var websocket = await RawWebSocketClient.ConnectAsync(server.BaseUrl, "EIO=4&transport=websocket&sid=" + polling.Sid);
        await websocket.SendTextAsync("2probe");
        Assert.Equal("3probe", await websocket.ReceiveTextAsync());
        await websocket.SendTextAsync("5");
        await websocket.SendTextAsync("40/slow-connect,");
        await websocket.SendTextAsync("40/test,");
        // The WebSocket's packets wait for the POST still being handled (one transport at a time).
        Assert.True(server.Server.Engine.TryGetSession(polling.Sid, out var session));
        await Eventually.TrueAsync(() => session.IsUpgradeWaitingForPost, Wait);
        Assert.Equal(1, Volatile.Read(ref calls));

        releaseFirst.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await post.WaitAsync(Wait)).StatusCode);
        var seen = new List<string>();
        Assert.NotNull(await websocket.ReceiveUntilAsync(packet => Seen(seen, packet).StartsWith("40/test,")));
        await websocket.SendTextAsync("42/test,1[\"count\",\"nobody\"]");
        Assert.Equal("43/test,1[0]", await websocket.ReceiveUntilAsync(packet => Seen(seen, packet).StartsWith("43/test,1")));

        Assert.Single(seen, packet => packet.StartsWith("40/slow-connect,"));
        Assert.Single(ns.SocketsById);
        Assert.Equal(1, Volatile.Read(ref calls));
    }

    private static string Seen(List<string> seen, string packet)
    {
        seen.Add(packet);
        return packet;
    }
}
