using System.Net;
using System.Net.WebSockets;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>Origins: an allow-list enforced on polling and WebSocket handshakes, credentials only with explicit origins.</summary>
public sealed class CorsTests
{
    private static Action<SocketIOOptions> AllowList => options =>
    {
        options.EngineIO.Cors.AllowAnyOrigin = false;
        options.EngineIO.Cors.AllowedOrigins.Add("https://good.example");
        options.EngineIO.Cors.AllowCredentials = true;
    };

    [Fact]
    public async Task Polling_from_an_allowed_origin_gets_its_origin_and_credentials_back()
    {
        await using var server = await TestServer.StartAsync(AllowList);
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/socket.io/?EIO=4&transport=polling");
        request.Headers.Add("Origin", "https://good.example");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://good.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", response.Headers.GetValues("Access-Control-Allow-Credentials").Single());
    }

    [Fact]
    public async Task Polling_from_another_origin_is_refused_with_403()
    {
        await using var server = await TestServer.StartAsync(AllowList);
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/socket.io/?EIO=4&transport=polling");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_websocket_handshake_from_another_origin_is_refused()
    {
        await using var server = await TestServer.StartAsync(AllowList);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://evil.example");

        var refused = await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri(server.BaseUrl.Replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"), CancellationToken.None));
        Assert.Contains("403", refused.Message);
    }

    [Fact]
    public async Task The_allow_request_hook_refuses_with_403()
    {
        await using var server = await TestServer.StartAsync(options =>
            options.EngineIO.AllowRequest = context => ValueTask.FromResult(context.Request.Query["token"] == "let-me-in"));
        using var http = new HttpClient();

        var refused = await http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=polling");
        var allowed = await http.GetAsync(server.BaseUrl + "/socket.io/?EIO=4&transport=polling&token=let-me-in");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("\"code\":4", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Credentials_with_any_origin_are_refused_at_startup()
    {
        var server = new TestServer(options =>
        {
            options.EngineIO.Cors.AllowAnyOrigin = true;
            options.EngineIO.Cors.AllowCredentials = true;
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(server.InitializeAsync);
        Assert.Contains("explicit origins", error.Message);
        await server.DisposeAsync();
    }
}
