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
        using var tcp = new TcpClient();
        var uri = new Uri(server.BaseUrl);
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var request = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
            + $"Host: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        // Half a masked text frame header, then nothing: the frame never completes.
        await stream.WriteAsync(new byte[] { 0x81, 0xFE });

        // The server's pings go unanswered, so it closes the session and then drops the connection
        // (the client never finishes its frame, so no close handshake can complete): reads end.
        using var deadline = new CancellationTokenSource(Wait);
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer, deadline.Token) > 0)
            {
            }
        }
        catch (IOException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            // Dropped with a reset: closed as well.
        }
    }

    [Fact]
    public async Task A_polling_session_whose_client_trickles_a_post_and_never_polls_is_closed()
    {
        var reasons = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var polling = new RawPollingClient(server.BaseUrl);
        await polling.HandshakeAsync();

        using var tcp = new TcpClient();
        var uri = new Uri(server.BaseUrl);
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        var request = $"POST /socket.io/?EIO=4&transport=polling&sid={polling.Sid} HTTP/1.1\r\n"
            + $"Host: {uri.Authority}\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n4";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));

        // The session misses its pongs and closes; the half-sent POST does not keep it alive.
        await Eventually.TrueAsync(() => polling.GetAsync().GetAwaiter().GetResult().StatusCode == HttpStatusCode.BadRequest, Wait);
    }
}
