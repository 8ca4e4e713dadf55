using System.Diagnostics;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hosting.Options;

/// <summary>
/// <see cref="SocketIOOptions.AckTimeout"/> and <see cref="SocketIOOptions.BroadcastAckTimeout"/>:
/// the waits that use them end after the configured time, not the 30 s / 10 s defaults.
/// </summary>
public sealed class AckTimeoutTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    // Well under the defaults (30 s, 10 s), generous for a loaded machine.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_emit_with_ack_that_gets_no_answer_throws_TimeoutException_after_the_ack_timeout()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.AckTimeout = Short;
            LongHeartbeat(options);
        });
        var ns = server.Server.Of("/ack-timeout");
        var (client, socketId) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/ack-timeout");
        await using var _ = client;
        var socket = ns.SocketsById[socketId];

        var clock = Stopwatch.StartNew();
        var emit = socket.EmitWithAckAsync("question", "never answered");
        Assert.Equal("42/ack-timeout,0[\"question\",\"never answered\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42/", StringComparison.Ordinal)));

        await EndsWithinBoundAsync(emit);
        await Assert.ThrowsAsync<TimeoutException>(() => emit);
        Assert.InRange(clock.Elapsed, Short - TimeSpan.FromMilliseconds(20), Bound);
        Assert.Equal(0, socket.PendingAckCount);

        // The socket is still connected and a later answer to the forgotten id changes nothing.
        await client.SendTextAsync("43/ack-timeout,0[\"late\"]");
        var next = socket.EmitWithAckAsync("question", "answered");
        Assert.Equal("42/ack-timeout,1[\"question\",\"answered\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42/", StringComparison.Ordinal)));
        await client.SendTextAsync("43/ack-timeout,1[\"in time\"]");
        Assert.Equal("in time", (await next.WaitAsync(Bound)).GetString(0));
    }

    [Fact]
    public async Task A_broadcast_with_ack_and_no_timeout_of_its_own_fails_after_the_broadcast_ack_timeout()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.BroadcastAckTimeout = Short;
            LongHeartbeat(options);
        });
        var ns = server.Server.Of("/broadcast-timeout");
        var (answering, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/broadcast-timeout");
        await using var _1 = answering;
        var (silent, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/broadcast-timeout");
        await using var _2 = silent;

        var clock = Stopwatch.StartNew();
        var broadcast = ns.EmitWithAckAsync("poll");
        var question = await answering.ReceiveUntilAsync(p => p.StartsWith("42/", StringComparison.Ordinal));
        Assert.Equal(question, await silent.ReceiveUntilAsync(p => p.StartsWith("42/", StringComparison.Ordinal)));
        Assert.Equal("42/broadcast-timeout,0[\"poll\"]", question);
        await answering.SendTextAsync("43/broadcast-timeout,0[\"yes\"]");

        await EndsWithinBoundAsync(broadcast);
        var failure = await Assert.ThrowsAsync<BroadcastAckTimeoutException>(() => broadcast);
        Assert.InRange(clock.Elapsed, Short - TimeSpan.FromMilliseconds(20), Bound);
        Assert.Equal("yes", Assert.Single(failure.Responses).GetString(0));
        Assert.Equal(2, failure.Expected);
        Assert.Equal(0, failure.Disconnected);
        Assert.All(ns.SocketsById.Values, socket => Assert.Equal(0, socket.PendingAckCount));
    }

    [Fact]
    public async Task A_broadcasts_own_timeout_outlasts_the_broadcast_ack_timeout()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.BroadcastAckTimeout = Short;
            LongHeartbeat(options);
        });
        var ns = server.Server.Of("/broadcast-own-timeout");
        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/broadcast-own-timeout");
        await using var _1 = client;

        var broadcast = ns.All.Timeout(TimeSpan.FromSeconds(30)).EmitWithAckAsync("poll");
        Assert.Equal("42/broadcast-own-timeout,0[\"poll\"]", await client.ReceiveUntilAsync(p => p.StartsWith("42/", StringComparison.Ordinal)));

        // Answer only once the server-wide timeout is well past: the broadcast's own 30 s holds.
        await Task.Delay(Short * 3);
        Assert.False(broadcast.IsCompleted, "the broadcast ended at the server-wide timeout despite its own");
        await client.SendTextAsync("43/broadcast-own-timeout,0[\"late but in time\"]");

        Assert.Equal("late but in time", Assert.Single(await broadcast.WaitAsync(Bound)).GetString(0));
    }

    /// <summary>Waits for <paramref name="wait"/> to end, failing if it is still waiting after <see cref="Bound"/> (its own timeout did not work).</summary>
    private static async Task EndsWithinBoundAsync(Task wait)
    {
        using var bound = new CancellationTokenSource();
        var ended = await Task.WhenAny(wait, Task.Delay(Bound, bound.Token));
        await bound.CancelAsync();
        Assert.True(ended == wait, $"still waiting after {Bound}");
    }

    /// <summary>The clients here answer pings only while a test reads: no heartbeat may end them meanwhile.</summary>
    private static void LongHeartbeat(SocketIOOptions options)
    {
        options.EngineIO.PingInterval = TimeSpan.FromMinutes(1);
        options.EngineIO.PingTimeout = TimeSpan.FromMinutes(1);
    }
}
