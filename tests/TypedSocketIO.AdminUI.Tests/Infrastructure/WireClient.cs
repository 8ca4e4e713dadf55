using System.Net.WebSockets;
using System.Text;

namespace TypedSocketIO.AdminUI.Tests.Infrastructure;

/// <summary>A hand-driven Engine.IO WebSocket client, to read the exact packets the server sends.</summary>
public sealed class WireClient : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ClientWebSocket _socket = new();

    public static async Task<WireClient> OpenAsync(string baseUrl)
    {
        var client = new WireClient();
        using var timeout = new CancellationTokenSource(Wait);
        await client._socket.ConnectAsync(new Uri(baseUrl.Replace("http", "ws", StringComparison.Ordinal) + "/socket.io/?EIO=4&transport=websocket"), timeout.Token);
        Assert.StartsWith("0{", await client.ReceiveAsync());
        return client;
    }

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next text message (pings answered and skipped); fails the test after 10 s.</summary>
    public async Task<string> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Wait);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await _socket.ReceiveAsync(buffer, timeout.Token);
                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            var text = Encoding.UTF8.GetString(message.ToArray());
            if (text == "2")
            {
                await SendAsync("3");
                continue;
            }

            return text;
        }
    }

    /// <summary>The next message starting with <paramref name="prefix"/>, skipping the others.</summary>
    public async Task<string> ReceiveStartingWithAsync(string prefix)
    {
        while (true)
        {
            var text = await ReceiveAsync();
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return text;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }
}
