using System.Diagnostics;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Integration;

/// <summary>The server's heartbeat: pings on time, closes sessions whose pong is late, and runs only while there are sessions.</summary>
public sealed class HeartbeatTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task Pings_each_session_after_the_ping_interval_and_keeps_one_that_answers()
    {
        await using var server = await TestServer.StartAsync(Configure);
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        var opened = Stopwatch.StartNew();
        Assert.StartsWith("0", await client.ReceiveTextAsync());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("2", await client.ReceiveTextAsync(TimeSpan.FromSeconds(5)));
            await client.SendTextAsync("3");
        }

        // Three intervals have passed (each ping may be up to one sweep late, never early).
        Assert.True(opened.Elapsed >= 3 * Interval, $"three pings after {opened.Elapsed}");
        Assert.Equal(1, server.Server.ConnectionCount);
    }

    [Fact]
    public async Task Closes_a_session_whose_pong_does_not_come()
    {
        await using var server = await TestServer.StartAsync(Configure);
        var started = Stopwatch.StartNew(); // before the session exists: its heartbeat starts later
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        Assert.StartsWith("0", await client.ReceiveTextAsync());

        Assert.Equal("2", await client.ReceiveTextAsync(TimeSpan.FromSeconds(5)));
        var pinged = Stopwatch.StartNew();

        Assert.Null(await client.ReceiveTextAsync(TimeSpan.FromSeconds(5))); // closed, no second ping
        // Never before pingInterval + pingTimeout from the session's start (the clocks differ by at
        // most a millisecond's rounding), and about pingTimeout after the ping.
        Assert.True(started.Elapsed >= Interval + Timeout - TimeSpan.FromMilliseconds(2), $"closed {started.Elapsed} after the handshake began");
        Assert.True(pinged.Elapsed <= Timeout + TimeSpan.FromSeconds(2), $"closed {pinged.Elapsed} after the ping");
        await Eventually.TrueAsync(() => server.Server.ConnectionCount == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Stops_its_timer_when_the_last_session_ends_and_starts_it_for_the_next()
    {
        await using var server = await TestServer.StartAsync(Configure);
        var heartbeats = server.Server.Engine.Heartbeats;
        await using (var first = await RawWebSocketClient.ConnectAsync(server.BaseUrl))
        {
            Assert.StartsWith("0", await first.ReceiveTextAsync());
            Assert.True(heartbeats.IsRunning);
        }

        await Eventually.TrueAsync(() => server.Server.ConnectionCount == 0 && !heartbeats.IsRunning, TimeSpan.FromSeconds(5));

        await using var second = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        Assert.StartsWith("0", await second.ReceiveTextAsync());
        Assert.Equal("2", await second.ReceiveTextAsync(TimeSpan.FromSeconds(5)));
    }

    private static void Configure(SocketIOOptions options)
    {
        options.EngineIO.PingInterval = Interval;
        options.EngineIO.PingTimeout = Timeout;
    }
}
