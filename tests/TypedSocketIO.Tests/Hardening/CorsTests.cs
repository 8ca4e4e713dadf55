using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>
/// Origins: same origin only by default (a page on another site cannot open a socket that carries
/// the user's cookies), an allow-list enforced on polling and WebSocket handshakes, credentials
/// only with explicit origins.
/// </summary>
public sealed class CorsTests
{
    private const string Evil = "https://evil.example";
    private const string Handshake = "/socket.io/?EIO=4&transport=polling";
    private const string WebSocketHandshake = "/socket.io/?EIO=4&transport=websocket";

    // ---- No allow-list: same origin only ----

    [Fact]
    public async Task By_default_a_polling_handshake_from_another_origin_is_refused_with_403()
    {
        await using var server = await MinimalServer.StartAsync();
        using var http = new HttpClient();

        var response = await http.SendAsync(Get(server.BaseUrl + Handshake, Evil));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"code\":4,\"message\":\"Forbidden\"}", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(0, server.SocketIO.ConnectionCount);
    }

    [Fact]
    public async Task By_default_a_websocket_handshake_from_another_origin_is_refused_with_403_before_the_upgrade()
    {
        await using var server = await MinimalServer.StartAsync();
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", Evil);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketUri(server.BaseUrl, WebSocketHandshake), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
        Assert.Equal(0, server.SocketIO.ConnectionCount);
    }

    [Fact]
    public async Task By_default_every_later_request_of_a_session_from_another_origin_is_refused_with_403()
    {
        await using var server = await MinimalServer.StartAsync();
        using var client = new RawPollingClient(server.BaseUrl);
        await client.HandshakeAsync(); // no Origin: allowed
        using var http = new HttpClient();
        var sessionUrl = client.Url("&sid=" + client.Sid);

        var poll = await http.SendAsync(Get(sessionUrl, Evil));
        var post = new HttpRequestMessage(HttpMethod.Post, sessionUrl) { Content = new StringContent("40", Encoding.UTF8, "text/plain") };
        post.Headers.Add("Origin", Evil);
        var posted = await http.SendAsync(post);
        using var upgrade = new ClientWebSocket();
        upgrade.Options.CollectHttpResponseDetails = true;
        upgrade.Options.SetRequestHeader("Origin", Evil);
        await Assert.ThrowsAsync<WebSocketException>(() =>
            upgrade.ConnectAsync(WebSocketUri(server.BaseUrl, WebSocketHandshake + "&sid=" + client.Sid), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, poll.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, upgrade.HttpStatusCode);
        // The refused requests did nothing to the session: its own client goes on.
        var own = await client.PostAsync("40");
        Assert.Equal("ok", await own.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task By_default_the_servers_own_origin_is_allowed_on_both_transports()
    {
        await using var server = await MinimalServer.StartAsync();
        using var http = new HttpClient();
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", server.BaseUrl); // http://127.0.0.1:port, as a page served by this app sends

        var polling = await http.SendAsync(Get(server.BaseUrl + Handshake, server.BaseUrl));
        await socket.ConnectAsync(WebSocketUri(server.BaseUrl, WebSocketHandshake), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, polling.StatusCode);
        Assert.StartsWith("0{", await polling.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task By_default_a_request_without_an_origin_is_allowed_on_both_transports()
    {
        // Node's socket.io-client, the .NET clients and python's requests send no Origin header.
        await using var server = await MinimalServer.StartAsync();
        using var http = new HttpClient();

        var polling = await http.GetAsync(server.BaseUrl + Handshake);
        await using var websocket = await RawWebSocketClient.ConnectAsync(server.BaseUrl);

        Assert.Equal(HttpStatusCode.OK, polling.StatusCode);
        Assert.StartsWith("0{", await websocket.ReceiveTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_proxy_the_origin_is_compared_with_the_forwarded_scheme_and_host()
    {
        // ASP.NET Core's forwarded-headers middleware makes Request.Scheme and Request.Host the public ones.
        var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
        await using var server = await MinimalServer.StartAsync(beforeSocketIO: app => app.UseForwardedHeaders(forwarded));
        using var http = new HttpClient();
        var proxied = Get(server.BaseUrl + Handshake, "https://chat.example");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        proxied.Headers.Add("X-Forwarded-Host", "chat.example");

        var allowed = await http.SendAsync(proxied);
        var direct = await http.SendAsync(Get(server.BaseUrl + Handshake, "https://chat.example"));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
    }

    [Fact]
    public async Task AllowAnyOrigin_lets_every_origin_in()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.EngineIO.Cors.AllowAnyOrigin = true);
        using var http = new HttpClient();

        var response = await http.SendAsync(Get(server.BaseUrl + Handshake, Evil));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task With_an_allow_list_a_websocket_handshake_from_a_listed_origin_is_accepted()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.EngineIO.Cors.AllowedOrigins.Add("https://good.example"));
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://good.example");

        await socket.ConnectAsync(WebSocketUri(server.BaseUrl, WebSocketHandshake), CancellationToken.None);

        Assert.Equal(WebSocketState.Open, socket.State);
    }

    private static HttpRequestMessage Get(string url, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static Uri WebSocketUri(string baseUrl, string pathAndQuery) => new(baseUrl.Replace("http", "ws") + pathAndQuery);

    // ---- An allow-list (the conformance server's options) ----

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
