using System.Net;
using System.Text;
using System.Text.Json;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Integration;

/// <summary>
/// Requests and packets no well-behaved client sends: each gets the documented HTTP error or
/// a close of the offending connection only, while a bystander client keeps working.
/// </summary>
public sealed class BadInputTests(TestServer server) : IClassFixture<TestServer>
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private async Task<(HttpStatusCode Status, int Code, string Message)> GetErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        return (response.StatusCode, json.RootElement.GetProperty("code").GetInt32(), json.RootElement.GetProperty("message").GetString()!);
    }

    [Theory]
    [InlineData("EIO=4&transport=carrier-pigeon", 0, "Transport unknown")]
    [InlineData("EIO=4", 0, "Transport unknown")]
    [InlineData("EIO=4&transport=polling&sid=not-a-session", 1, "Session ID unknown")]
    [InlineData("EIO=3&transport=polling", 5, "Unsupported protocol version")]
    [InlineData("EIO=5&transport=polling", 5, "Unsupported protocol version")]
    [InlineData("transport=polling", 5, "Unsupported protocol version")]
    [InlineData("EIO=4&transport=websocket", 3, "Bad request")]
    public async Task Refuses_a_bad_handshake_with_the_documented_error(string query, int code, string message)
    {
        var response = await _http.GetAsync($"{server.BaseUrl}/socket.io/?{query}");
        Assert.Equal((HttpStatusCode.BadRequest, code, message), await GetErrorAsync(response));
    }

    [Fact]
    public async Task Refuses_a_handshake_by_post()
    {
        var response = await _http.PostAsync($"{server.BaseUrl}/socket.io/?EIO=4&transport=polling", new StringContent("40"));
        Assert.Equal((HttpStatusCode.BadRequest, 2, "Bad handshake method"), await GetErrorAsync(response));
    }

    [Fact]
    public async Task Closes_a_session_whose_post_is_over_max_payload_and_keeps_others()
    {
        using var bystander = new RawPollingClient(server.BaseUrl);
        await bystander.HandshakeAsync();
        using var offender = new RawPollingClient(server.BaseUrl);
        await offender.HandshakeAsync();

        await bystander.PostAsync("40");
        await bystander.PollUntilAsync(p => p.StartsWith("40"));

        var response = await offender.PostAsync(new string('4', 1_000_001));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertSessionClosedAsync(offender);
        await AssertStillServesAsync(bystander);
    }

    [Fact]
    public async Task Closes_a_websocket_whose_frame_is_over_max_payload()
    {
        // In a namespace first: only the oversized frame can end this session, not the connect timeout.
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl);
        var sid = client.SocketId;

        await client.SendTextAsync("4" + new string('x', 1_000_001));

        Assert.True(await client.WaitForCloseAsync());
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.MessageTooBig, client.Socket.CloseStatus);
        Assert.Equal("transport error", await ReasonOfAsync(sid));
    }

    [Fact]
    public async Task Refuses_a_second_concurrent_poll_and_closes_the_session()
    {
        using var client = new RawPollingClient(server.BaseUrl);
        await client.HandshakeAsync();
        var first = client.GetAsync();
        // The two GETs race on the wire: make sure the first one is the pending poll.
        await Eventually.TrueAsync(
            () => server.Server.Engine.TryGetSession(client.Sid, out var session) && session.IsPolling,
            TimeSpan.FromSeconds(10));

        var second = await client.GetAsync();

        Assert.Equal((HttpStatusCode.BadRequest, 3, "Bad request"), await GetErrorAsync(second));
        var firstBody = await (await first).Content.ReadAsStringAsync();
        Assert.Equal("1", firstBody); // the pending poll learns of the close
        Assert.Equal(1, (await GetErrorAsync(await client.GetAsync())).Code);
    }

    [Theory]
    [InlineData("42[\"unterminated")]
    [InlineData("4x")]
    [InlineData("42{\"not\":\"an array\"}")]
    [InlineData("42[\"disconnect\"]")]
    [InlineData("451-[\"a\",{\"_placeholder\":true,\"num\":0}]\u001e41")]
    [InlineData("9")]
    public async Task Closes_a_connection_that_sends_a_malformed_packet(string packet)
    {
        using var bystander = new RawPollingClient(server.BaseUrl);
        await bystander.HandshakeAsync();
        await bystander.PostAsync("40");
        await bystander.PollUntilAsync(p => p.StartsWith("40"));

        using var offender = new RawPollingClient(server.BaseUrl);
        await offender.HandshakeAsync();
        await offender.PostAsync("40");
        await offender.PollUntilAsync(p => p.StartsWith("40"));

        await offender.PostAsync(packet);

        await AssertSessionClosedAsync(offender);
        await AssertStillServesAsync(bystander);
    }

    [Fact]
    public async Task Closes_a_connection_that_sends_an_event_to_a_namespace_it_has_not_connected()
    {
        // Connected to /test, so only the event to /custom (never connected) can end the session.
        await using var client = await RawWebSocketClient.JoinAsync(server.BaseUrl);
        var sid = client.SocketId;

        await client.SendTextAsync("42/custom,[\"join\",\"room\"]");

        Assert.True(await client.WaitForCloseAsync(TimeSpan.FromMilliseconds(900)), "not closed well before the 1 s connect timeout");
        Assert.Equal("parse error", await ReasonOfAsync(sid));
    }

    [Fact]
    public async Task Answers_an_unknown_namespace_with_connect_error()
    {
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        Assert.StartsWith("0", await client.ReceiveTextAsync());

        await client.SendTextAsync("40/nope,");

        var answer = await client.ReceiveUntilAsync(p => p.StartsWith("44"));
        Assert.Equal("44/nope,{\"message\":\"Invalid namespace\"}", answer);
    }

    [Fact]
    public async Task A_handler_that_throws_sends_nothing_and_keeps_the_connection()
    {
        await using var client = await RawWebSocketClient.ConnectAsync(server.BaseUrl);
        await client.ReceiveTextAsync();
        await client.SendTextAsync("40/test,");
        await client.ReceiveUntilAsync(p => p.StartsWith("40/test,"));

        await client.SendTextAsync("42/test,5[\"throw\"]");
        await client.SendTextAsync("42/test,6[\"count\",\"nobody\"]");

        // Nothing at all comes for the failed handler (no ack, no error event, no stack trace): the next packet other than a ping is the second ack.
        var received = new List<string>();
        await client.ReceiveUntilAsync(p =>
        {
            received.Add(p);
            return p.StartsWith("43/test,");
        });
        Assert.Equal(["43/test,6[0]"], received.Where(p => p != "2"));
    }

    /// <summary>The disconnect reason the server recorded for a /test socket (by its disconnect handler, just after the client saw the close).</summary>
    private async Task<string> ReasonOfAsync(string sid)
    {
        await Eventually.TrueAsync(() => server.ReasonOf(sid) is not null, TimeSpan.FromSeconds(10));
        return server.ReasonOf(sid)!;
    }

    /// <summary>The session is gone: a last poll may still carry the close packet, then the sid is unknown.</summary>
    private async Task AssertSessionClosedAsync(RawPollingClient client)
    {
        var response = await client.GetAsync();
        if (response.IsSuccessStatusCode)
        {
            Assert.Contains("1", (await response.Content.ReadAsStringAsync()).Split('\x1e'));
            response = await client.GetAsync();
        }

        Assert.Equal((HttpStatusCode.BadRequest, 1, "Session ID unknown"), await GetErrorAsync(response));
    }

    private static async Task AssertStillServesAsync(RawPollingClient bystander)
    {
        await bystander.PostAsync("42[\"message-with-ack\",\"still here\"]".Insert(2, "9"));
        var ack = await bystander.PollUntilAsync(p => p.StartsWith("43"));
        Assert.Equal("439[\"still here\"]", ack);
    }
}
