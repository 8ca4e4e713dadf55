using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;
using static TypedSocketIO.Tests.Infrastructure.RawWebSocketFrames;

namespace TypedSocketIO.Tests.Integration;

/// <summary>
/// Where the Engine.IO protocol leaves room, the server does exactly what Node's reference
/// server does: invalid POSTs, late pongs, a second WebSocket for one session, failed upgrades,
/// and a POST that overlaps the switch to WebSocket.
/// </summary>
public sealed class EngineIOReferenceBehaviourTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_post_with_an_invalid_packet_is_refused_and_the_session_is_gone_at_once()
    {
        await using var server = await TestServer.StartAsync(_ => { });
        using var client = new RawPollingClient(server.BaseUrl);
        await client.HandshakeAsync();

        var post = await client.PostAsync("abc");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("{\"code\":3,\"message\":\"Bad request\"}", await post.Content.ReadAsStringAsync());
        var poll = await client.GetAsync();
        Assert.Equal(HttpStatusCode.BadRequest, poll.StatusCode);
        Assert.Equal("{\"code\":1,\"message\":\"Session ID unknown\"}", await poll.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_after_the_pong_deadline_finds_the_session_closed_even_before_the_heartbeat_sweep()
    {
        await using var server = await ServerWithoutSweepAsync();
        using var client = new RawPollingClient(server.BaseUrl);
        await client.HandshakeAsync();
        Assert.True(server.Server.Engine.TryGetSession(client.Sid, out var session));

        // No sweep runs, so no ping is sent and nothing closes the session but the request itself.
        await Eventually.TrueAsync(() => session.IsPastPongDeadline(Environment.TickCount64), Wait);
        Assert.True(session.IsOpen);
        using var deadline = new CancellationTokenSource(Wait);
        using var http = new HttpClient();
        var poll = await http.GetAsync(client.Url("&sid=" + client.Sid), deadline.Token);

        Assert.Equal(HttpStatusCode.BadRequest, poll.StatusCode);
        Assert.Equal("{\"code\":1,\"message\":\"Session ID unknown\"}", await poll.Content.ReadAsStringAsync(deadline.Token));
        Assert.False(session.IsOpen);
    }

    [Fact]
    public async Task A_websocket_message_after_the_pong_deadline_ends_the_session_instead_of_being_handled()
    {
        await using var server = await ServerWithoutSweepAsync();
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await client.ReceiveTextAsync();
        var session = server.Server.Engine.Sessions.Single();

        await Eventually.TrueAsync(() => session.IsPastPongDeadline(Environment.TickCount64), Wait);
        await client.SendTextAsync("40/test,");

        Assert.Null(await client.ReceiveUntilAsync(p => p.StartsWith("40/test,"))); // closed, not connected
        Assert.False(session.IsOpen);
    }

    [Fact]
    public async Task A_second_websocket_for_an_upgraded_session_is_accepted_and_closed_and_the_session_keeps_working()
    {
        await using var server = await TestServer.StartAsync(SlowHeartbeat);
        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();
        await using var upgraded = await RawWebSocketClient.ConnectAsync(server.BaseUrl, "EIO=4&transport=websocket&sid=" + polling.Sid);
        await upgraded.SendTextAsync("2probe");
        Assert.Equal("3probe", await upgraded.ReceiveTextAsync());
        await upgraded.SendTextAsync("5");
        Assert.True(server.Server.Engine.TryGetSession(polling.Sid, out var session));
        await Eventually.TrueAsync(() => session.Transport == EngineIOTransports.WebSocket, Wait);

        await AssertAcceptedAndClosedAsync(server.BaseUrl, polling.Sid);

        await upgraded.SendTextAsync("40/test,");
        Assert.NotNull(await upgraded.ReceiveUntilAsync(p => p.StartsWith("40/test,{\"sid\":")));
    }

    [Fact]
    public async Task A_second_websocket_while_a_session_is_upgrading_is_accepted_and_closed_and_the_upgrade_completes()
    {
        await using var server = await TestServer.StartAsync(SlowHeartbeat);
        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();
        await using var upgrading = await RawWebSocketClient.ConnectAsync(server.BaseUrl, "EIO=4&transport=websocket&sid=" + polling.Sid);
        await upgrading.SendTextAsync("2probe");
        Assert.Equal("3probe", await upgrading.ReceiveTextAsync());

        await AssertAcceptedAndClosedAsync(server.BaseUrl, polling.Sid);

        await upgrading.SendTextAsync("5");
        await upgrading.SendTextAsync("40/test,");
        Assert.NotNull(await upgrading.ReceiveUntilAsync(p => p.StartsWith("40/test,{\"sid\":")));
    }

    [Fact]
    public async Task After_an_upgrade_fails_past_its_probe_polls_wait_for_data_again()
    {
        await using var server = await TestServer.StartAsync(SlowHeartbeat);
        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();
        await polling.PostAsync("40/test,");
        var sid = Hardening.SlowClientTests.ConnectedSid(await polling.PollUntilAsync(p => p.StartsWith("40/test,")));
        Assert.True(server.Server.Engine.TryGetSession(polling.Sid, out var session));
        var released = polling.GetAsync();
        await Eventually.TrueAsync(() => session.IsPolling, Wait);

        var probe = await RawWebSocketClient.ConnectAsync(server.BaseUrl, "EIO=4&transport=websocket&sid=" + polling.Sid);
        await probe.SendTextAsync("2probe");
        Assert.Equal("3probe", await probe.ReceiveTextAsync());
        Assert.Equal("6", await (await released).Content.ReadAsStringAsync()); // the probe released the pending poll
        probe.Socket.Abort(); // the upgrade fails: the client stays on polling
        await probe.DisposeAsync();
        await Eventually.TrueAsync(() => !session.IsUpgrading, Wait);

        var poll = polling.GetAsync();
        await Eventually.TrueAsync(() => session.IsPolling, Wait);
        Assert.False(poll.IsCompleted, "a poll after the failed upgrade was answered with nothing to send");
        await server.Server.Of("/test").SocketsById[sid].EmitAsync("after");

        Assert.Equal("42/test,[\"after\"]", await (await poll).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_that_overlaps_the_switch_to_websocket_is_handled_before_anything_the_websocket_carries()
    {
        await using var server = await MinimalServer.StartAsync();
        var marks = new ConcurrentQueue<string>();
        server.SocketIO.Of("/").On("mark", e =>
        {
            marks.Enqueue(e.Arguments.GetString(0)!);
            return ValueTask.CompletedTask;
        });
        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();
        await polling.PostAsync("40");
        await polling.PollUntilAsync(p => p.StartsWith("40{"));
        Assert.True(server.SocketIO.Engine.TryGetSession(polling.Sid, out var session));
        using var deadline = new CancellationTokenSource(Wait);

        // A POST whose body is still arriving when the WebSocket takes over.
        var uri = new Uri(server.BaseUrl);
        using var post = new TcpClient();
        await post.ConnectAsync(uri.Host, uri.Port, deadline.Token);
        var body = Encoding.UTF8.GetBytes("42[\"mark\",\"post\"]");
        var head = Encoding.ASCII.GetBytes($"POST /socket.io/?EIO=4&transport=polling&sid={polling.Sid} HTTP/1.1\r\n"
            + $"Host: {uri.Authority}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\n\r\n");
        await post.GetStream().WriteAsync(head.Concat(body[..^1]).ToArray(), deadline.Token);
        await Eventually.TrueAsync(() => session.IsPosting, Wait);

        await using var upgraded = await RawWebSocketClient.ConnectAsync(server.BaseUrl, "EIO=4&transport=websocket&sid=" + polling.Sid);
        await upgraded.SendTextAsync("2probe");
        Assert.Equal("3probe", await upgraded.ReceiveTextAsync());
        await upgraded.SendTextAsync("5");
        await upgraded.SendTextAsync("42[\"mark\",\"websocket\"]");
        // Either the WebSocket's packet has been handled (the POST was overtaken), or the upgrade waits for the POST.
        await Eventually.TrueAsync(() => !marks.IsEmpty || session.IsUpgradeWaitingForPost, Wait);
        await post.GetStream().WriteAsync(body[^1..], deadline.Token);

        var response = new byte[1024];
        var read = await post.GetStream().ReadAsync(response, deadline.Token);
        Assert.StartsWith("HTTP/1.1 200 ", Encoding.ASCII.GetString(response, 0, read));
        await Eventually.TrueAsync(() => marks.Count == 2, Wait);
        Assert.Equal(["post", "websocket"], marks.ToArray());
    }

    /// <summary>A WebSocket request with the session's id gets its 101, then an empty close frame, then the end.</summary>
    private static async Task AssertAcceptedAndClosedAsync(string baseUrl, string sid)
    {
        using var deadline = new CancellationTokenSource(Wait);
        await using var second = await RawWebSocket.ConnectAsync(baseUrl, deadline.Token);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var head = await second.RequestAsync($"/socket.io/?EIO=4&transport=websocket&sid={sid}", key, "13", deadline.Token);
        Assert.StartsWith("HTTP/1.1 101 ", head.StatusLine);
        var close = await second.ReadFrameAsync(deadline.Token);
        Assert.NotNull(close);
        Assert.Equal(Close, close.Value.Header.Opcode);
        Assert.Empty(close.Value.Payload);
        await second.WaitForEndAsync(deadline.Token);
    }

    /// <summary>A short heartbeat with its sweep stretched to an hour: deadlines pass, and no timer acts on them.</summary>
    private static Task<TestServer> ServerWithoutSweepAsync() => TestServer.StartAsync(options =>
    {
        options.ConnectTimeout = TimeSpan.FromMinutes(5);
        options.EngineIO.PingInterval = TimeSpan.FromMilliseconds(200);
        options.EngineIO.PingTimeout = TimeSpan.FromMilliseconds(200);
        options.EngineIO.HeartbeatSweepInterval = TimeSpan.FromHours(1);
    });

    private static void SlowHeartbeat(SocketIOOptions options)
    {
        options.EngineIO.PingInterval = TimeSpan.FromMinutes(5);
        options.EngineIO.PingTimeout = TimeSpan.FromMinutes(5);
    }
}
