using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Protocol;
using TypedSocketIO.Tests.Infrastructure;
using static TypedSocketIO.Tests.Infrastructure.RawWebSocketFrames;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>
/// Engine.IO traffic that costs a client a few bytes and would cost the server much more: each
/// attack is performed against a real server and must end the offender's session, cheaply.
/// </summary>
public sealed class TransportAbuseTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_client_ping_over_websocket_closes_the_session_as_a_wrong_heartbeat_direction()
    {
        var reasons = new ConcurrentDictionary<string, DisconnectReason>();
        await using var server = await ServerRecordingReasonsAsync(reasons);
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40/test,");
        var sid = SlowClientTests.ConnectedSid(await client.ReceiveUntilAsync(p => p.StartsWith("40/test,")));

        await client.SendTextAsync("2");

        Assert.True(await client.WaitForCloseAsync(), "the session stayed open after a client ping");
        await Eventually.TrueAsync(() => reasons.ContainsKey(sid), Wait);
        Assert.Equal(DisconnectReason.TransportError, reasons[sid]);
    }

    [Fact]
    public async Task A_post_full_of_client_pings_is_refused_and_queues_nothing()
    {
        await using var server = await TestServer.StartAsync(_ => { });
        using var client = new RawPollingClient(server.BaseUrl);
        await client.HandshakeAsync();
        Assert.True(server.Server.Engine.TryGetSession(client.Sid, out var session));
        // 900 kB of pings: each would have queued a pong for a client that never polls.
        var pings = string.Join('\x1e', Enumerable.Repeat("2", 450_000));

        var response = await client.PostAsync(pings);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(session.IsOpen);
        Assert.True(session.Queue.BufferedBytes < 1024, $"{session.Queue.BufferedBytes} bytes queued");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync()).StatusCode); // the session is gone
    }

    [Theory]
    [InlineData("\u001e\u001e\u001e")]
    [InlineData("")]
    [InlineData("40\u001e\u001e3")]
    public async Task A_post_of_empty_packets_is_a_bad_request_that_closes_the_session(string body)
    {
        await using var server = await TestServer.StartAsync(_ => { });
        using var client = new RawPollingClient(server.BaseUrl);
        await client.HandshakeAsync();

        var response = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"code\":3,\"message\":\"Bad request\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync()).StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Every_queued_frame_costs_a_fixed_overhead_so_tiny_frames_cannot_pass_the_limit(int frameBytes)
    {
        const int Limit = 64 * 1024;
        var queue = new OutgoingQueue(Limit);
        var frame = EngineFrame.Text(new byte[frameBytes]);
        var queued = 0;
        while (queue.TryEnqueue([frame]) == EnqueueResult.Queued && queued < 1_000_000)
        {
            queued++;
        }

        // Counting bytes alone, 65 536 one-byte frames (and any number of empty ones) would fit;
        // each frame's slot and header cost more than that, and the limit must say so.
        Assert.InRange(queued, 1, Limit / 16);
    }

    [Fact]
    public void A_writers_spare_list_that_grew_in_a_burst_is_not_kept()
    {
        var socket = new ServerWebSocket(new DefaultHttpContext(), Stream.Null);
        var burst = new List<EngineFrame>(10_000);

        socket.ReturnSpare(burst);

        Assert.NotSame(burst, socket.TakeSpare());
        Assert.True(socket.TakeSpare().Capacity <= 64);
        var small = new List<EngineFrame>(8) { EngineFrame.Noop };
        socket.ReturnSpare(small);
        Assert.Same(small, socket.TakeSpare()); // a small list is reused, emptied
        Assert.Empty(small);
    }

    [Fact]
    public async Task A_client_that_closes_then_stops_reading_loses_its_connection_and_queue_within_the_close_grace()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.EngineIO.MaxBufferedBytes = 512L * 1024 * 1024; // not the limit that ends it
            options.EngineIO.PingInterval = TimeSpan.FromMinutes(5);
            options.EngineIO.PingTimeout = TimeSpan.FromMinutes(5);
        });
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // A receive window of a few KB: the server's writes stall as soon as its own buffers fill.
        await using var client = await RawWebSocket.ConnectAsync(server.BaseUrl, deadline.Token, receiveBuffer: 4096);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var head = await client.RequestAsync("/socket.io/?EIO=4&transport=websocket", key, "13", deadline.Token);
        Assert.StartsWith("HTTP/1.1 101 ", head.StatusLine);
        Assert.NotNull(await client.ReadFrameAsync(deadline.Token)); // the open packet
        await client.SendAsync(Masked(Text, "40/test,"u8), deadline.Token);
        Assert.NotNull(await client.ReadFrameAsync(deadline.Token)); // the CONNECT answer
        var session = server.Server.Engine.Sessions.Single(s => s.WebSocket is not null);
        var writer = session.WebSocket!;

        // A busy room: 40 MB queued for a client that reads almost nothing.
        var payload = new string('x', 10_000);
        for (var i = 0; i < 4_000; i++)
        {
            await server.Server.Of("/test").EmitAsync("busy", payload);
        }

        await client.SendAsync(Masked(Close, CloseStatus(1000)), deadline.Token);
        await Eventually.TrueAsync(() => !session.IsOpen, Wait);
        var closedAt = Environment.TickCount64;
        // It reads 8 MB more, more than every buffer between the two ends holds (4 MB of socket
        // buffer, Kestrel's pipe), so the write in flight at the close completes and later ones
        // start; then it reads nothing.
        for (var read = 0; read < 8 * 1024 * 1024;)
        {
            var frame = await client.ReadFrameAsync(deadline.Token);
            Assert.NotNull(frame);
            read += frame.Value.Payload.Length;
        }

        using var grace = new CancellationTokenSource(ServerWebSocket.CloseGrace + TimeSpan.FromSeconds(5));
        await writer.WriterFinished.WaitAsync(grace.Token);
        var released = Environment.TickCount64 - closedAt;

        Assert.True(released < (long)(ServerWebSocket.CloseGrace.TotalMilliseconds + 3000), $"released {released} ms after the close");
        await Eventually.TrueAsync(() => !server.Server.Engine.Sessions.Contains(session), Wait);
    }

    private static async Task<TestServer> ServerRecordingReasonsAsync(ConcurrentDictionary<string, DisconnectReason> reasons)
    {
        var server = await TestServer.StartAsync(options =>
        {
            options.EngineIO.PingInterval = TimeSpan.FromMinutes(5);
            options.EngineIO.PingTimeout = TimeSpan.FromMinutes(5);
        });
        server.Server.Of("/test").OnDisconnect((socket, reason) =>
        {
            reasons[socket.Id] = reason;
            return ValueTask.CompletedTask;
        });
        return server;
    }
}
