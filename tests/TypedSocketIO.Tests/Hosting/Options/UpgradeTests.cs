using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hosting.Options;

/// <summary>
/// <see cref="EngineIOOptions.AllowUpgrades"/>, <see cref="EngineIOOptions.UpgradeTimeout"/> and
/// <see cref="EngineIOOptions.Transports"/> as a polling client meets them: what the open packet
/// offers, whether a WebSocket for the session is taken, and that the session goes on polling.
/// </summary>
public sealed class UpgradeTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Without_upgrades_the_open_packet_offers_none_and_a_websocket_for_the_session_is_refused_with_400()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.EngineIO.AllowUpgrades = false;
            LongHeartbeat(options);
        });
        using var polling = new RawPollingClient(server.BaseUrl);

        var open = await polling.HandshakeAsync();

        Assert.Equal(JsonValueKind.Array, open.GetProperty("upgrades").ValueKind);
        Assert.Equal(0, open.GetProperty("upgrades").GetArrayLength());
        var head = await WebSocketRequestAsync(server.BaseUrl, "&sid=" + polling.Sid);
        Assert.StartsWith("HTTP/1.1 400 ", head.StatusLine);
        await AssertStillPollingAsync(server, polling);
    }

    [Fact]
    public async Task Without_upgrades_a_client_may_still_open_a_websocket_session_directly()
    {
        await using var server = await TestServer.StartAsync(options => options.EngineIO.AllowUpgrades = false);

        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/test");
        await using var _1 = client;
        await client.SendTextAsync("42/test,1[\"count\",\"nobody\"]");

        Assert.Equal("43/test,1[0]", await client.ReceiveUntilAsync(p => p.StartsWith("43/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_polling_only_the_open_packet_offers_no_upgrade_and_a_websocket_is_an_unknown_transport()
    {
        await using var server = await TestServer.StartAsync(options =>
        {
            options.EngineIO.Transports = EngineIOTransports.Polling;
            LongHeartbeat(options);
        });
        using var polling = new RawPollingClient(server.BaseUrl);
        using var http = new HttpClient();

        var open = await polling.HandshakeAsync();
        var upgrade = await WebSocketRequestAsync(server.BaseUrl, "&sid=" + polling.Sid);
        var direct = await http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=websocket");

        Assert.Equal(0, open.GetProperty("upgrades").GetArrayLength());
        Assert.StartsWith("HTTP/1.1 400 ", upgrade.StatusLine);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, direct.StatusCode);
        Assert.Equal("{\"code\":0,\"message\":\"Transport unknown\"}", await direct.Content.ReadAsStringAsync());
        await AssertStillPollingAsync(server, polling);
    }

    [Fact]
    public async Task A_probing_websocket_that_never_sends_the_upgrade_is_dropped_after_the_upgrade_timeout_and_the_session_stays_on_polling()
    {
        var upgradeTimeout = TimeSpan.FromMilliseconds(300);
        await using var server = await TestServer.StartAsync(options =>
        {
            options.EngineIO.UpgradeTimeout = upgradeTimeout;
            LongHeartbeat(options);
        });
        using var polling = new RawPollingClient(server.BaseUrl);
        Assert.Equal("websocket", Assert.Single((await polling.HandshakeAsync()).GetProperty("upgrades").EnumerateArray()).GetString());
        Assert.True(server.Server.Engine.TryGetSession(polling.Sid, out var session));

        await using var probe = await RawWebSocketClient.ConnectAsync(server.BaseUrl, "EIO=4&transport=websocket&sid=" + polling.Sid);
        var clock = Stopwatch.StartNew();
        await probe.SendTextAsync("2probe");
        Assert.Equal("3probe", await probe.ReceiveTextAsync());
        Assert.True(session.IsUpgrading);

        // No "5": the server gives up on the upgrade and drops the probe.
        Assert.True(await probe.WaitForCloseAsync(Wait), "the probing websocket was not dropped");
        Assert.InRange(clock.Elapsed, upgradeTimeout - TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5));

        await Eventually.TrueAsync(() => !session.IsUpgrading, Wait);
        Assert.Equal(EngineIOTransports.Polling, session.Transport);
        await AssertStillPollingAsync(server, polling);
    }

    /// <summary>The session still carries Socket.IO over polling: it connects to /test and gets an ack.</summary>
    private static async Task AssertStillPollingAsync(TestServer server, RawPollingClient polling)
    {
        await polling.PostAsync("40/test,\u001e42/test,1[\"count\",\"nobody\"]");
        Assert.Equal("43/test,1[0]", await polling.PollUntilAsync(p => p.StartsWith("43/", StringComparison.Ordinal)));
        Assert.True(server.Server.Engine.TryGetSession(polling.Sid, out var session));
        Assert.Equal(EngineIOTransports.Polling, session.Transport);
    }

    /// <summary>A WebSocket opening handshake to the Socket.IO path, and the head of the server's answer.</summary>
    private static async Task<ResponseHead> WebSocketRequestAsync(string baseUrl, string query)
    {
        using var deadline = new CancellationTokenSource(Wait);
        await using var socket = await RawWebSocket.ConnectAsync(baseUrl, deadline.Token);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return await socket.RequestAsync("/socket.io/?EIO=4&transport=websocket" + query, key, "13", deadline.Token);
    }

    /// <summary>The polling clients here poll only when a test says so: no heartbeat may end them meanwhile.</summary>
    private static void LongHeartbeat(SocketIOOptions options)
    {
        options.EngineIO.PingInterval = TimeSpan.FromMinutes(1);
        options.EngineIO.PingTimeout = TimeSpan.FromMinutes(1);
    }
}
