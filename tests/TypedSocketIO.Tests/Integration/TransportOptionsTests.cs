using System.Net;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Integration;

/// <summary>Options of the transport layer that change what clients see: cookies, volatile packets, transports.</summary>
public sealed class TransportOptionsTests
{
    [Fact]
    public async Task Sets_the_session_cookie_when_configured()
    {
        await using var server = await TestServer.StartAsync(options =>
            options.EngineIO.Cookie = new TypedSocketIO.EngineIO.EngineIOCookieOptions { Name = "sio", Path = "/rt" });
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });

        var response = await http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=polling");
        var body = await response.Content.ReadAsStringAsync();

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var sid = System.Text.Json.JsonDocument.Parse(body[1..]).RootElement.GetProperty("sid").GetString();
        Assert.StartsWith($"sio={sid}; ", cookie);
        Assert.Contains("path=/rt", cookie);
        Assert.Contains("httponly", cookie);
    }

    [Fact]
    public async Task Sets_no_cookie_by_default()
    {
        await using var server = await TestServer.StartAsync(_ => { });
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });

        var response = await http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=polling");

        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Drops_a_volatile_packet_for_a_polling_client_that_is_not_polling_and_keeps_the_others()
    {
        await using var server = await TestServer.StartAsync(_ => { });
        using var client = new RawPollingClient(server.BaseUrl);
        await client.HandshakeAsync();
        await client.PostAsync("40/test,");
        var connect = await client.PollUntilAsync(p => p.StartsWith("40/test,"));
        var sid = Hardening.SlowClientTests.ConnectedSid(connect);
        var test = server.Server.Of("/test");

        // No GET is pending now: the volatile packet cannot go out, so it is dropped.
        await test.All.Volatile.EmitAsync("news", "volatile");
        await test.EmitAsync("news", "kept");

        var delivered = await client.PollUntilAsync(p => p.StartsWith("42/test,"));
        Assert.Equal("42/test,[\"news\",\"kept\"]", delivered);
        Assert.True(test.SocketsById.ContainsKey(sid));
    }

    [Fact]
    public async Task Refuses_a_transport_that_is_not_allowed()
    {
        await using var server = await TestServer.StartAsync(options => options.EngineIO.Transports = TypedSocketIO.EngineIO.EngineIOTransports.WebSocket);
        using var http = new HttpClient();

        var response = await http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=polling");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Transport unknown", await response.Content.ReadAsStringAsync());
    }
}
