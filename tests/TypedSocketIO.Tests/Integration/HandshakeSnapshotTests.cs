using System.Net;
using System.Net.WebSockets;
using System.Text;
using TypedSocketIO.EngineIO;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Integration;

/// <summary>
/// What <see cref="Socket.Handshake"/> shows of the handshake request: its headers, query, URL,
/// address and user, unchanged for the socket's whole life, whatever requests come after it.
/// </summary>
public sealed class HandshakeSnapshotTests
{
    [Fact]
    public async Task A_polling_socket_keeps_the_headers_of_its_handshake_not_those_of_later_requests()
    {
        await using var server = await TestServer.StartAsync(_ => { });
        var connected = CaptureConnect(server, "/snapshot");
        using var http = new HttpClient(); // one keep-alive connection: Kestrel reuses its header object for each request
        var url = server.BaseUrl + "/socket.io/?EIO=4&transport=polling&room=blue";

        using var handshake = new HttpRequestMessage(HttpMethod.Get, url);
        handshake.Headers.Add("X-Trace", "from-handshake");
        var open = await (await http.SendAsync(handshake)).Content.ReadAsStringAsync();
        var sid = System.Text.Json.JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString();

        using var connect = new HttpRequestMessage(HttpMethod.Post, url + "&sid=" + sid) { Content = new StringContent("40/snapshot,") };
        connect.Headers.Add("X-Trace", "from-connect");
        connect.Headers.Add("X-Only-Later", "yes");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(connect)).StatusCode);
        var socket = await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));

        using var poll = new HttpRequestMessage(HttpMethod.Get, url + "&sid=" + sid);
        poll.Headers.Add("X-Trace", "from-poll");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(poll)).StatusCode);

        var shown = socket.Handshake;
        Assert.Equal("from-handshake", shown.Headers["x-trace"].ToString());
        Assert.False(shown.Headers.ContainsKey("X-Only-Later"));
        Assert.Equal("blue", shown.Query["room"].ToString());
        Assert.Equal("polling", shown.Query["transport"].ToString());
        Assert.False(shown.Query.ContainsKey("sid"));
        Assert.Equal("/socket.io/?EIO=4&transport=polling&room=blue", shown.Url);
        Assert.True(IPAddress.IsLoopback(shown.RemoteAddress!));
        Assert.False(shown.Secure);
        Assert.False(shown.User.Identity?.IsAuthenticated ?? false);
        Assert.Empty(shown.User.Claims); // no authentication middleware ran: an empty principal, not null
    }

    [Fact]
    public async Task A_websocket_socket_shows_its_handshake_and_still_does_after_the_connection_ends()
    {
        await using var server = await TestServer.StartAsync(_ => { });
        var connected = CaptureConnect(server, "/snapshot");
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Server.Of("/snapshot").OnDisconnect((_, _) =>
        {
            disconnected.TrySetResult();
            return ValueTask.CompletedTask;
        });

        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("X-Trace", "from-websocket");
        client.Options.SetRequestHeader("Cookie", "theme=dark");
        await client.ConnectAsync(new Uri(server.BaseUrl.Replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket&room=red"), CancellationToken.None);
        await client.SendAsync(Encoding.UTF8.GetBytes("40/snapshot,"), WebSocketMessageType.Text, true, CancellationToken.None);
        var socket = await connected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The request is over; what the socket showed stays readable and unchanged.
        var shown = socket.Handshake;
        Assert.Equal("from-websocket", shown.Headers["X-TRACE"].ToString());
        Assert.Equal("theme=dark", shown.Headers["Cookie"].ToString());
        Assert.Equal("red", shown.Query["room"].ToString());
        Assert.Equal("websocket", shown.Query["transport"].ToString());
        Assert.Equal("/socket.io/?EIO=4&transport=websocket&room=red", shown.Url);
        Assert.Contains(shown.Headers, header => header.Key == "X-Trace");
        Assert.IsNotAssignableFrom<ICollection<KeyValuePair<string, HandshakeValues>>>(shown.Headers); // read-only: nothing changes it
    }

    [Fact]
    public async Task A_repeated_query_parameter_keeps_every_value_and_names_are_looked_up_ignoring_case()
    {
        await using var server = await TestServer.StartAsync(_ => { });
        var connected = CaptureConnect(server, "/snapshot");

        using var client = new ClientWebSocket();
        client.Options.SetRequestHeader("X-Trace", "from-websocket");
        await client.ConnectAsync(new Uri(server.BaseUrl.Replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket&tag=red&Tag=blue&empty="), CancellationToken.None);
        await client.SendAsync(Encoding.UTF8.GetBytes("40/snapshot,"), WebSocketMessageType.Text, true, CancellationToken.None);
        var shown = (await connected.Task.WaitAsync(TimeSpan.FromSeconds(10))).Handshake;

        var tags = shown.Query["TAG"];
        Assert.Equal(["red", "blue"], tags);
        Assert.Equal(2, tags.Count);
        Assert.Equal("red,blue", tags.ToString());
        Assert.True(shown.Query.TryGetValue("empty", out var empty));
        Assert.Equal([""], empty);
        Assert.True(shown.Query["absent"].IsEmpty);
        Assert.Null((string?)shown.Query["absent"]);
        Assert.Equal("from-websocket", (string?)shown.Headers["x-TRACE"]);
        Assert.False(shown.Headers.ContainsKey("X-Absent"));
        Assert.Throws<KeyNotFoundException>(() => ((IReadOnlyDictionary<string, HandshakeValues>)shown.Headers)["X-Absent"]);
    }

    private static TaskCompletionSource<Socket> CaptureConnect(TestServer server, string name)
    {
        var connected = new TaskCompletionSource<Socket>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Server.Of(name).OnConnect(socket =>
        {
            connected.TrySetResult(socket);
            return ValueTask.CompletedTask;
        });
        return connected;
    }
}
