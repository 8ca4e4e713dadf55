using System.Net;
using System.Net.Sockets;
using System.Text;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>Clients that hold connections open by sending almost nothing.</summary>
public sealed class SlowlorisTests(TestServer server) : IClassFixture<TestServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_websocket_client_that_stops_mid_frame_is_closed_by_the_heartbeat()
    {
        using var deadline = new CancellationTokenSource(Wait);
        await using var socket = await RawWebSocket.OpenEngineIOAsync(server.BaseUrl, "/socket.io/", deadline.Token); // asserts the 101
        await socket.SendAsync(RawWebSocketFrames.Masked(RawWebSocketFrames.Text, "40/test,"u8), deadline.Token);
        var connected = await socket.ReadEngineFrameAsync(deadline.Token);
        var sid = SlowClientTests.ConnectedSid(Encoding.UTF8.GetString(connected!.Value.Payload));

        // Half a masked text frame header, then nothing: the frame never completes.
        await socket.SendAsync([0x81, 0xFE], deadline.Token);

        // The server's pings go unanswered, so it closes the session and then drops the connection
        // (the client never finishes its frame, so no close handshake can complete): reads end.
        await socket.WaitForEndAsync(deadline.Token);
        await Eventually.TrueAsync(() => server.ReasonOf(sid) is not null, Wait);
        Assert.Equal("ping timeout", server.ReasonOf(sid));
    }

    [Fact]
    public async Task A_polling_session_whose_client_trickles_a_post_and_never_polls_is_closed()
    {
        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();
        await polling.PostAsync("40/test,");
        var sid = SlowClientTests.ConnectedSid(await polling.PollUntilAsync(p => p.StartsWith("40/test,")));

        using var tcp = new TcpClient();
        var uri = new Uri(server.BaseUrl);
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var request = $"POST /socket.io/?EIO=4&transport=polling&sid={polling.Sid} HTTP/1.1\r\n"
            + $"Host: {uri.Authority}\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n4";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        // The client never polls again: the session misses its pongs and closes; the half-sent
        // POST does not keep it alive. Watched on the server, so the test itself sends no poll.
        await Eventually.TrueAsync(() => server.ReasonOf(sid) is not null, Wait);
        Assert.Equal("ping timeout", server.ReasonOf(sid));
        Assert.False(server.Server.Engine.TryGetSession(polling.Sid, out var session) && session.IsOpen);
    }
}
