using System.Net;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hosting.Options;

/// <summary>
/// The browser's CORS preflight (<c>OPTIONS</c>) before a cross-origin polling POST, and
/// <see cref="EngineIO.EngineIOCorsOptions.AllowedHeaders"/>, which only the preflight answers.
/// </summary>
public sealed class CorsPreflightTests
{
    private const string Good = "https://good.example";
    private const string Endpoint = "/socket.io/?EIO=4&transport=polling";

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_gets_204_with_its_origin_the_methods_and_the_requested_headers_and_opens_no_session()
    {
        await using var server = await MinimalServer.StartAsync(configure: options =>
        {
            options.EngineIO.Cors.AllowedOrigins.Add(Good);
            options.EngineIO.Cors.AllowCredentials = true;
        });
        using var http = new HttpClient();

        var response = await http.SendAsync(Preflight(server.BaseUrl, Good, requestedHeaders: "content-type,x-trace"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Good, Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        Assert.Equal("GET,POST", Single(response, "Access-Control-Allow-Methods"));
        Assert.Equal("content-type,x-trace", Single(response, "Access-Control-Allow-Headers"));
        Assert.Equal("Origin", Single(response, "Vary"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, server.SocketIO.ConnectionCount);
    }

    [Fact]
    public async Task AllowedHeaders_is_what_a_preflight_is_answered_with_whatever_it_asks_for()
    {
        await using var server = await MinimalServer.StartAsync(configure: options =>
        {
            options.EngineIO.Cors.AllowedOrigins.Add(Good);
            options.EngineIO.Cors.AllowedHeaders = ["Authorization", "X-Tenant"];
        });
        using var http = new HttpClient();

        var asking = await http.SendAsync(Preflight(server.BaseUrl, Good, requestedHeaders: "x-something-else"));
        var notAsking = await http.SendAsync(Preflight(server.BaseUrl, Good, requestedHeaders: null));

        Assert.Equal("Authorization,X-Tenant", Single(asking, "Access-Control-Allow-Headers"));
        Assert.Equal("Authorization,X-Tenant", Single(notAsking, "Access-Control-Allow-Headers"));
        Assert.False(asking.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_preflight_from_any_origin_gets_a_wildcard_when_any_origin_is_allowed()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.EngineIO.Cors.AllowAnyOrigin = true);
        using var http = new HttpClient();

        var response = await http.SendAsync(Preflight(server.BaseUrl, "https://anyone.example", requestedHeaders: null));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task A_preflight_from_an_origin_not_allowed_is_refused_with_403_and_no_cors_headers()
    {
        await using var server = await MinimalServer.StartAsync(configure: options => options.EngineIO.Cors.AllowedOrigins.Add(Good));
        using var http = new HttpClient();

        var response = await http.SendAsync(Preflight(server.BaseUrl, "https://evil.example", requestedHeaders: "content-type"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"code\":4,\"message\":\"Forbidden\"}", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    private static HttpRequestMessage Preflight(string baseUrl, string origin, string? requestedHeaders)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, baseUrl + Endpoint);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        if (requestedHeaders is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", requestedHeaders);
        }

        return request;
    }

    private static string Single(HttpResponseMessage response, string header) => Assert.Single(response.Headers.GetValues(header));
}
