using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;
using TypedSocketIO.Tests.Infrastructure;
using static TypedSocketIO.Tests.Infrastructure.RawWebSocketFrames;

namespace TypedSocketIO.Tests.Hardening;

/// <summary>
/// Clients that declare a large payload and then send almost nothing: each must cost the server
/// what has arrived plus a small constant, never the declared size. These tests measure the
/// process's live memory, so they run alone.
/// </summary>
[Collection(MemoryMeasuringCollection.Name)]
public sealed class DeclaredLengthTests(ITestOutputHelper output)
{
    private const int Connections = 1500;
    private const int DeclaredBytes = 999_000; // under the 1 MB limit, so it is not refused outright
    private const long AllowedPerConnection = 64 * 1024;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task WebSocket_frames_that_declare_a_large_payload_cost_what_has_arrived()
    {
        await using var server = await QuietServerAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        var uri = new Uri(server.BaseUrl);
        var clients = new List<TcpClient>(Connections);
        try
        {
            var before = LiveBytes();
            // A binary frame declaring 999 000 bytes, of which 16 come.
            var attack = Header(fin: true, Binary, DeclaredBytes, [1, 2, 3, 4]).Concat(new byte[16]).ToArray();
            for (var i = 0; i < Connections; i++)
            {
                var client = await OpenWebSocketAsync(uri, deadline.Token);
                clients.Add(client);
                await client.GetStream().WriteAsync(attack, deadline.Token);
            }

            // Every session's reader has read the header and is waiting for the rest of the payload.
            await Eventually.TrueAsync(
                () => server.Server.Engine.Sessions.Count(s => s.WebSocket?.Reader?.IsInFrame == true) == Connections, Deadline);
            var growth = LiveBytes() - before;
            output.WriteLine($"heap growth per connection: {growth / Connections} bytes");

            Assert.True(growth < Connections * AllowedPerConnection,
                $"{Connections} connections declaring {DeclaredBytes} bytes each grew the heap by {growth / Connections} bytes each");
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    [Fact]
    public async Task Polling_posts_that_declare_a_large_body_cost_what_has_arrived()
    {
        await using var server = await QuietServerAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        var uri = new Uri(server.BaseUrl);
        var sids = new List<string>(Connections);
        using (var http = new HttpClient())
        {
            for (var i = 0; i < Connections; i++)
            {
                var open = await http.GetStringAsync($"{server.BaseUrl}/socket.io/?EIO=4&transport=polling", deadline.Token);
                sids.Add(System.Text.Json.JsonDocument.Parse(open[1..]).RootElement.GetProperty("sid").GetString()!);
            }
        }

        var clients = new List<TcpClient>(Connections);
        try
        {
            var before = LiveBytes();
            foreach (var sid in sids)
            {
                var client = new TcpClient { NoDelay = true };
                clients.Add(client);
                await client.ConnectAsync(uri.Host, uri.Port, deadline.Token);
                var head = $"POST /socket.io/?EIO=4&transport=polling&sid={sid} HTTP/1.1\r\nHost: {uri.Authority}\r\n"
                    + $"Content-Type: text/plain\r\nContent-Length: {DeclaredBytes}\r\n\r\n42[\"a\"";
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head), deadline.Token);
            }

            // Every session is reading its POST's body.
            await Eventually.TrueAsync(() => server.Server.Engine.Sessions.Count(s => s.IsPosting) == Connections, Deadline);
            var growth = LiveBytes() - before;
            output.WriteLine($"heap growth per connection: {growth / Connections} bytes");

            Assert.True(growth < Connections * AllowedPerConnection,
                $"{Connections} POSTs declaring {DeclaredBytes} bytes each grew the heap by {growth / Connections} bytes each");
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    /// <summary>No heartbeat and no connect timeout during the measurement: only the attack costs anything.</summary>
    private static Task<TestServer> QuietServerAsync() => TestServer.StartAsync(options =>
    {
        options.ConnectTimeout = TimeSpan.FromMinutes(5);
        options.EngineIO.PingInterval = TimeSpan.FromMinutes(5);
        options.EngineIO.PingTimeout = TimeSpan.FromMinutes(5);
    });

    /// <summary>Upgrades a bare TCP connection to an Engine.IO WebSocket and reads the response's head.</summary>
    private static async Task<TcpClient> OpenWebSocketAsync(Uri uri, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(uri.Host, uri.Port, cancellationToken);
        var stream = client.GetStream();
        var request = $"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
        var buffer = new byte[1024];
        var received = 0;
        while (buffer.AsSpan(0, received).IndexOf("\r\n\r\n"u8) < 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(received), cancellationToken);
            Assert.True(read > 0, "the server closed the connection before its response's head");
            received += read;
        }

        Assert.StartsWith("HTTP/1.1 101 ", Encoding.ASCII.GetString(buffer, 0, received));
        return client;
    }

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
