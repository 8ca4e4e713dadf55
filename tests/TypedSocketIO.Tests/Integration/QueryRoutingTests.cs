using System.Net;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Integration;

/// <summary>
/// How the Engine.IO endpoint reads its query parameters (EIO, transport, sid): plain values,
/// escaped values, parameters given twice, and the handshake's full query for the app.
/// </summary>
public sealed class QueryRoutingTests : IClassFixture<TestServer>
{
    private readonly TestServer _server;

    public QueryRoutingTests(TestServer server) => _server = server;

    [Theory]
    [InlineData("EIO=4&transport=polling")]
    [InlineData("transport=polling&EIO=4&extra")]
    [InlineData("EIO=%34&transport=pollin%67")]
    [InlineData("EIO=4&transport=polling&t=a+b")]
    public async Task Opens_a_session_whatever_the_order_or_escaping_of_the_parameters(string query)
    {
        using var http = new HttpClient();

        var response = await http.GetAsync($"{_server.BaseUrl}/socket.io/?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("0{\"sid\":", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("EIO=4&transport=polling&transport=websocket", "Transport unknown")]
    [InlineData("EIO=4&transport=polling&transport=polling", "Transport unknown")]
    [InlineData("EIO=4&EIO=4&transport=polling", "Unsupported protocol version")]
    [InlineData("EIO=4&transport=", "Transport unknown")]
    [InlineData("EIO=4", "Transport unknown")]
    [InlineData("transport=polling", "Unsupported protocol version")]
    public async Task Refuses_a_parameter_that_is_missing_empty_or_given_twice(string query, string message)
    {
        using var http = new HttpClient();

        var response = await http.GetAsync($"{_server.BaseUrl}/socket.io/?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Finds_a_session_by_an_escaped_sid_and_refuses_a_sid_given_twice()
    {
        using var client = new RawPollingClient(_server.BaseUrl);
        await client.HandshakeAsync();
        using var http = new HttpClient();
        var escaped = string.Concat(client.Sid.Select(c => $"%{(int)c:X2}"));

        var byEscapedSid = await http.PostAsync($"{_server.BaseUrl}/socket.io/?EIO=4&transport=polling&sid={escaped}", new StringContent("40"));
        var twice = await http.PostAsync($"{_server.BaseUrl}/socket.io/?EIO=4&transport=polling&sid={client.Sid}&sid={client.Sid}", new StringContent("40"));

        Assert.Equal("ok", await byEscapedSid.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("Session ID unknown", await twice.Content.ReadAsStringAsync());
    }
}
