using System.Net;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>Hostile or broken clients: each gets an exact outcome and nobody else notices.</summary>
public sealed class HostileInputTests(TestServer server) : IClassFixture<TestServer>
{
    [Fact]
    public async Task Duplicate_and_unknown_ack_ids_are_ignored_and_the_ack_is_answered_once()
    {
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl);

        await client.SendTextAsync("42/test,1[\"ask\",\"question?\",5000]");
        var question = await client.ReceiveUntilAsync(p => p.StartsWith("42/test,"));
        var id = question!["42/test,".Length..question!.IndexOf('[')];
        await client.SendTextAsync($"43/test,{id}[\"first\"]");
        await client.SendTextAsync($"43/test,{id}[\"second\"]");
        await client.SendTextAsync("43/test,987654[\"nobody asked\"]");

        Assert.Equal("43/test,1[{\"answer\":\"first\"}]", await client.ReceiveUntilAsync(p => p.StartsWith("43/test,")));
        await client.SendTextAsync("42/test,2[\"count\",\"nobody\"]");
        Assert.Equal("43/test,2[0]", await client.ReceiveUntilAsync(p => p.StartsWith("43/test,")));
    }

    [Fact]
    public async Task A_flood_of_unknown_namespaces_is_answered_without_creating_any()
    {
        // In /test first: the 1 s connect timeout must not race the flood on a loaded machine.
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl);
        var before = server.Server.Namespaces.Count;

        for (var i = 0; i < 500; i++)
        {
            await client.SendTextAsync($"40/unknown-{i},");
        }

        for (var i = 0; i < 500; i++)
        {
            Assert.Equal($"44/unknown-{i},{{\"message\":\"Invalid namespace\"}}", await client.ReceiveUntilAsync(p => p.StartsWith("44")));
        }

        Assert.Equal(before, server.Server.Namespaces.Count);
        await client.SendTextAsync("42/test,1[\"count\",\"nobody\"]"); // the connection still serves
        Assert.Equal("43/test,1[0]", await client.ReceiveUntilAsync(p => p.StartsWith("43/test,")));
    }

    [Fact]
    public async Task A_second_connect_to_the_same_namespace_changes_nothing()
    {
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl);
        await client.SendTextAsync("42/test,1[\"join\",\"r\"]");
        var rooms = await client.ReceiveUntilAsync(p => p.StartsWith("43/test,1"));

        await client.SendTextAsync("40/test,");
        await client.SendTextAsync("42/test,2[\"join\",\"r\"]");

        Assert.Equal(rooms!.Replace("43/test,1", "43/test,2"), await client.ReceiveUntilAsync(p => p.StartsWith("43/test,2")));
    }

    [Fact]
    public async Task Deeply_nested_json_closes_the_connection()
    {
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl);

        await client.SendTextAsync("42/test,[\"count\"," + new string('[', 5000) + new string(']', 5000) + "]");

        Assert.True(await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task A_reused_session_id_after_close_is_unknown()
    {
        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();
        await polling.PostAsync("1");

        var response = await polling.GetAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Session ID unknown", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Attachments_that_never_arrive_close_the_connection_after_the_attachment_timeout()
    {
        await using var limited = await TestServer.StartAsync(options => options.AttachmentTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = await RawWebSocketClient.JoinAsync(limited.BaseUrl);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await client.SendTextAsync("451-/test,[\"count\",{\"_placeholder\":true,\"num\":0}]");

        Assert.True(await client.WaitForCloseAsync());
        // After the configured 300 ms (less the coarse timer's slack), and well before the 10 s default.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task More_attachments_than_allowed_close_the_connection()
    {
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl);

        await client.SendTextAsync("4511-/test,[\"count\"]");

        Assert.True(await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task Handshakes_past_the_connection_limit_are_refused_with_503()
    {
        await using var limited = await TestServer.StartAsync(options =>
        {
            options.EngineIO.MaxConnections = 2;
            // Sessions that never pong must outlive the test: a 500 ms heartbeat would free their places.
            options.EngineIO.PingInterval = TimeSpan.FromMinutes(5);
            options.EngineIO.PingTimeout = TimeSpan.FromMinutes(5);
        });
        using var http = new HttpClient();
        var url = limited.BaseUrl + "/socket.io/?EIO=4&transport=polling";
        // The warm-up left no session open, so two handshakes fit.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);

        var third = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Contains("Too many connections", await third.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Handshakes_faster_than_the_rate_limit_are_refused_with_429()
    {
        // The limiter's clock stands still: all 80 handshakes fall in one window, however slow the machine.
        var clock = new ManualClock();
        await using var limited = await TestServer.StartAsync(options =>
        {
            options.EngineIO.MaxHandshakesPerSecondPerAddress = 50;
            options.EngineIO.TimeProvider = clock;
        });
        using var http = new HttpClient();
        var url = limited.BaseUrl + "/socket.io/?EIO=4&transport=polling";

        var statuses = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => http.GetAsync(url)));

        // The warm-up's handshakes (one per transport) count against the same window.
        var refused = statuses.Count(response => response.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.InRange(refused, 30, 32);
        Assert.Equal(80 - refused, statuses.Count(response => response.StatusCode == HttpStatusCode.OK));
    }
}
