using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>The session cookie of the handshake: its attributes, and SameSite=None always Secure (browsers drop it otherwise).</summary>
public sealed class SessionCookieTests
{
    private const string Handshake = "/socket.io/?EIO=4&transport=polling";

    [Fact]
    public async Task No_cookie_is_set_unless_one_is_configured()
    {
        await using var server = await MinimalServer.StartAsync();
        using var http = new HttpClient();

        var response = await http.GetAsync(server.BaseUrl + Handshake);

        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_default_cookie_carries_the_sid_and_is_HttpOnly_SameSite_Lax_on_path_slash_and_not_Secure()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.EngineIO.Cookie = new EngineIOCookieOptions());
        using var http = new HttpClient();

        var response = await http.GetAsync(server.BaseUrl + Handshake);

        var cookie = ParseSetCookie(response.Headers.GetValues("Set-Cookie").Single());
        Assert.Equal(SidOf(await response.Content.ReadAsStringAsync()), cookie["io"]);
        Assert.Equal("/", cookie["path"]);
        Assert.Equal("lax", cookie["samesite"]);
        Assert.True(cookie.ContainsKey("httponly"));
        Assert.False(cookie.ContainsKey("secure"));
    }

    [Fact]
    public async Task SameSite_None_forces_Secure()
    {
        await using var server = await MinimalServer.StartAsync(configure: options =>
            options.EngineIO.Cookie = new EngineIOCookieOptions { SameSite = SameSiteMode.None, Secure = false });
        using var http = new HttpClient();

        var response = await http.GetAsync(server.BaseUrl + Handshake);

        var cookie = ParseSetCookie(response.Headers.GetValues("Set-Cookie").Single());
        Assert.Equal("none", cookie["samesite"]);
        Assert.True(cookie.ContainsKey("secure"));
    }

    [Fact]
    public async Task Secure_name_path_HttpOnly_and_SameSite_are_written_as_configured()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.EngineIO.Cookie = new EngineIOCookieOptions
        {
            Name = "session",
            Path = "/socket.io",
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = true,
        });
        using var http = new HttpClient();

        var response = await http.GetAsync(server.BaseUrl + Handshake);

        var cookie = ParseSetCookie(response.Headers.GetValues("Set-Cookie").Single());
        Assert.Equal(SidOf(await response.Content.ReadAsStringAsync()), cookie["session"]);
        Assert.Equal("/socket.io", cookie["path"]);
        Assert.Equal("strict", cookie["samesite"]);
        Assert.True(cookie.ContainsKey("secure"));
        Assert.False(cookie.ContainsKey("httponly"));
    }

    [Fact]
    public async Task A_websocket_handshake_sets_the_cookie_on_its_101_response()
    {
        await using var server = await MinimalServer.StartAsync(configure: options =>
            options.EngineIO.Cookie = new EngineIOCookieOptions { SameSite = SameSiteMode.None });
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;

        await socket.ConnectAsync(new Uri(server.BaseUrl.Replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"), CancellationToken.None);

        var cookie = ParseSetCookie(Assert.Single(socket.HttpResponseHeaders!["Set-Cookie"]));
        Assert.Equal(Assert.Single(server.SocketIO.Engine.Sessions).Id, cookie["io"]);
        Assert.Equal("none", cookie["samesite"]);
        Assert.True(cookie.ContainsKey("secure"));
    }

    private static string SidOf(string openPacket) =>
        JsonDocument.Parse(openPacket[1..]).RootElement.GetProperty("sid").GetString()!;

    /// <summary>The cookie's name and value, then each attribute by its lower-case name (a flag maps to "").</summary>
    private static Dictionary<string, string> ParseSetCookie(string header)
    {
        var parts = header.Split(';', StringSplitOptions.TrimEntries);
        var cookie = new Dictionary<string, string>();
        var pair = parts[0].Split('=', 2);
        cookie[pair[0]] = pair[1];
        foreach (var attribute in parts[1..])
        {
            var nameValue = attribute.Split('=', 2);
            cookie[nameValue[0].ToLowerInvariant()] = nameValue.Length == 2 ? nameValue[1].ToLowerInvariant() : "";
        }

        return cookie;
    }
}
