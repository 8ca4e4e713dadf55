using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>A minimal hand-driven Engine.IO client for tests that must send what real clients never would.</summary>
public sealed class RawPollingClient(string baseUrl, string path = "/socket.io/") : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public string Sid { get; private set; } = "";

    public string Url(string query) => $"{baseUrl}{path}?EIO=4&transport=polling{query}";

    /// <summary>Performs the handshake and returns the open packet's JSON.</summary>
    /// <param name="headers">Request headers of the handshake (a <c>traceparent</c>, for example).</param>
    public async Task<JsonElement> HandshakeAsync(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(""));
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("0", body);
        var open = JsonDocument.Parse(body[1..]).RootElement.Clone();
        Sid = open.GetProperty("sid").GetString()!;
        return open;
    }

    public Task<HttpResponseMessage> PostAsync(string body) =>
        _http.PostAsync(Url("&sid=" + Sid), new StringContent(body, Encoding.UTF8, "text/plain"));

    public Task<HttpResponseMessage> PostAsync(byte[] body) =>
        _http.PostAsync(Url("&sid=" + Sid), new ByteArrayContent(body));

    public Task<HttpResponseMessage> GetAsync() => _http.GetAsync(Url("&sid=" + Sid));

    /// <summary>Polls until a packet satisfying <paramref name="match"/> arrives; answers pings on the way.</summary>
    /// <remarks>One deadline (default 10 s) covers every poll of the wait.</remarks>
    public async Task<string> PollUntilAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var response = await _http.GetAsync(Url("&sid=" + Sid), deadline.Token);
            var body = await response.Content.ReadAsStringAsync(deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"poll failed: {(int)response.StatusCode} {body}");
            }

            foreach (var packet in body.Split('\x1e'))
            {
                if (match(packet))
                {
                    return packet;
                }

                if (packet == "2")
                {
                    await PostAsync("3");
                }
            }
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A hand-driven Engine.IO WebSocket client.</summary>
public sealed class RawWebSocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();

    public WebSocket Socket => _socket;

    public static async Task<RawWebSocketClient> ConnectAsync(string baseUrl, string query = "EIO=4&transport=websocket", string path = "/socket.io/")
    {
        var client = new RawWebSocketClient();
        await client._socket.ConnectAsync(new Uri(baseUrl.Replace("http", "ws") + path + "?" + query), CancellationToken.None);
        return client;
    }

    /// <summary>The CONNECT answer (<c>40/ns,{"sid":...}</c>) when the client was opened by <see cref="JoinAsync"/>.</summary>
    public string ConnectAnswer { get; private set; } = "";

    /// <summary>The socket id of the namespace joined by <see cref="JoinAsync"/>.</summary>
    public string SocketId => JsonDocument.Parse(ConnectAnswer[ConnectAnswer.IndexOf('{')..]).RootElement.GetProperty("sid").GetString()!;

    /// <summary>Opens a WebSocket session and joins <paramref name="ns"/> (so the connect timeout cannot end it).</summary>
    public static async Task<RawWebSocketClient> JoinAsync(string baseUrl, string ns = "/test")
    {
        var client = await ConnectAsync(baseUrl);
        Assert.StartsWith("0", await client.ReceiveTextAsync());
        var prefix = ns == "/" ? "40" : $"40{ns},";
        await client.SendTextAsync(prefix);
        client.ConnectAnswer = await client.ReceiveUntilAsync(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.Contains("\"sid\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"closed before joining {ns}");
        return client;
    }

    public Task SendTextAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] bytes) =>
        _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    /// <summary>The next text message, or null when the server closed the socket.</summary>
    /// <exception cref="OperationCanceledException">None came within <paramref name="timeout"/> (default 10 s).</exception>
    public async Task<string?> ReceiveTextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultWait);
        var buffer = new byte[1 << 20];
        var length = 0;
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancel.Token);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }

    /// <summary>The next message, text or binary, or null when the server closed the socket.</summary>
    public async Task<(byte[] Data, bool IsBinary)?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultWait);
        var buffer = new byte[1 << 20];
        var length = 0;
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancel.Token);
            }
            catch (WebSocketException)
            {
                return null;
            }

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return (buffer[..length], result.MessageType == WebSocketMessageType.Binary);
            }
        }
    }

    /// <summary>
    /// Reads until a text message satisfying <paramref name="match"/> arrives (answering pings), or
    /// null on close. One deadline covers the whole wait (default 10 s): frames that keep arriving,
    /// pings included, do not extend it, so a server that never sends the match fails the test.
    /// </summary>
    /// <exception cref="TimeoutException">The deadline passed first.</exception>
    public async Task<string?> ReceiveUntilAsync(Func<string, bool> match, TimeSpan? timeout = null)
    {
        var deadline = Deadline.In(timeout ?? DefaultWait);
        while (await ReceiveTextAsync(deadline.Remaining) is { } text)
        {
            if (match(text))
            {
                return text;
            }

            if (text == "2")
            {
                await SendTextAsync("3");
            }
        }

        return null;
    }

    /// <summary>Waits until the server closes the socket, answering pings; false if it is still open when <paramref name="timeout"/> (default 10 s) has passed.</summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await ReceiveUntilAsync(_ => false, timeout) is null;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        _socket.Dispose();
    }
}
