using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using static TypedSocketIO.Tests.Infrastructure.RawWebSocketFrames;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>A response's status line and headers.</summary>
internal sealed record ResponseHead(string StatusLine, string[] Headers)
{
    public string? Header(string name) => Headers
        .Select(line => line.Split(':', 2))
        .Where(parts => parts.Length == 2 && parts[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
        .Select(parts => parts[1].Trim())
        .FirstOrDefault();
}

/// <summary>A WebSocket client over a bare TCP connection, every byte written and parsed here.</summary>
internal sealed class RawWebSocket : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly string _host;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The accept key a server must answer <paramref name="key"/> with.</summary>
    public static string ExpectedAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));

    private RawWebSocket(TcpClient tcp, string host)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _host = host;
    }

    /// <summary>Opens the TCP connection; <paramref name="receiveBuffer"/> shrinks the socket's receive window (a client that reads slowly).</summary>
    public static async Task<RawWebSocket> ConnectAsync(string baseUrl, CancellationToken cancellationToken, int? receiveBuffer = null)
    {
        var uri = new Uri(baseUrl);
        var tcp = new TcpClient { NoDelay = true };
        if (receiveBuffer is { } size)
        {
            tcp.ReceiveBufferSize = size; // set before connecting, so the window is small from the start
        }

        await tcp.ConnectAsync(uri.Host, uri.Port, cancellationToken);
        return new RawWebSocket(tcp, uri.Authority);
    }

    /// <summary>Upgrades, checks the answer, and reads Engine.IO's open packet.</summary>
    public static async Task<RawWebSocket> OpenEngineIOAsync(string baseUrl, string path, CancellationToken cancellationToken)
    {
        var socket = await ConnectAsync(baseUrl, cancellationToken);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var head = await socket.RequestAsync(path + "?EIO=4&transport=websocket", key, "13", cancellationToken);
        Assert.StartsWith("HTTP/1.1 101 ", head.StatusLine, StringComparison.Ordinal);
        Assert.Equal(ExpectedAccept(key), head.Header("Sec-WebSocket-Accept"));
        var open = await socket.ReadFrameAsync(cancellationToken);
        Assert.NotNull(open);
        Assert.StartsWith("0{", Encoding.UTF8.GetString(open.Value.Payload), StringComparison.Ordinal);
        return socket;
    }

    /// <summary>Sends the upgrade request (no key or version header when that is null) and reads the response's head.</summary>
    public async Task<ResponseHead> RequestAsync(string target, string? key, string? version, CancellationToken cancellationToken)
    {
        var request = new StringBuilder()
            .Append($"GET {target} HTTP/1.1\r\n")
            .Append($"Host: {_host}\r\n")
            .Append("Upgrade: websocket\r\n")
            .Append("Connection: Upgrade\r\n")
            .Append(key is null ? "" : $"Sec-WebSocket-Key: {key}\r\n")
            .Append(version is null ? "" : $"Sec-WebSocket-Version: {version}\r\n")
            .Append("\r\n")
            .ToString();
        await SendAsync(Encoding.ASCII.GetBytes(request), cancellationToken);

        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            Assert.True(await FillAsync(cancellationToken), "the server closed the connection before its response's head");
        }

        var lines = Encoding.ASCII.GetString(_buffer, _start, end).Split("\r\n");
        _start += end + 4;
        return new ResponseHead(lines[0], lines[1..]);
    }

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Writes <paramref name="bytes"/> in writes of <paramref name="size"/> bytes each.</summary>
    public async Task SendInPiecesAsync(byte[] bytes, int size, CancellationToken cancellationToken)
    {
        for (var at = 0; at < bytes.Length; at += size)
        {
            await _stream.WriteAsync(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)), cancellationToken);
        }
    }

    /// <summary>The server's next frame, or null when the connection ended between frames.</summary>
    public async Task<(RawFrameHeader Header, byte[] Payload)?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        RawFrameHeader header;
        while (!TryParseHeader(_buffer.AsSpan(_start, _end - _start), out header))
        {
            if (!await FillAsync(cancellationToken))
            {
                Assert.True(_start == _end, "the connection ended inside a frame header");
                return null;
            }
        }

        Assert.False(header.Masked, "a server frame was masked");
        Assert.Equal(0, header.Rsv);
        Assert.True(header.Fin, "the server fragmented a frame");
        _start += header.HeaderLength;
        while (_end - _start < header.PayloadLength)
        {
            Assert.True(await FillAsync(cancellationToken), "the connection ended inside a frame's payload");
        }

        var payload = _buffer.AsSpan(_start, (int)header.PayloadLength).ToArray();
        _start += (int)header.PayloadLength;
        return (header, payload);
    }

    /// <summary>The next frame other than an Engine.IO ping, which it answers (the test server pings every 300 ms).</summary>
    public async Task<(RawFrameHeader Header, byte[] Payload)?> ReadEngineFrameAsync(CancellationToken cancellationToken)
    {
        while (await ReadFrameAsync(cancellationToken) is { } frame)
        {
            if (frame.Header.Opcode != Text || !frame.Payload.AsSpan().SequenceEqual("2"u8))
            {
                return frame;
            }

            await SendAsync(Masked(Text, "3"u8), cancellationToken);
        }

        return null;
    }

    /// <summary>Reads until the server's close frame (skipping anything before it) and gives its status.</summary>
    public async Task<int> ReadCloseStatusAsync(CancellationToken cancellationToken)
    {
        while (await ReadFrameAsync(cancellationToken) is { } frame)
        {
            if (frame.Header.Opcode == Close)
            {
                Assert.Equal(2, frame.Payload.Length);
                return (frame.Payload[0] << 8) | frame.Payload[1];
            }
        }

        Assert.Fail("the connection ended without a close frame");
        return 0;
    }

    /// <summary>Waits until the server drops the connection (a read gives 0, or the connection is reset).</summary>
    public async Task WaitForEndAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await FillAsync(cancellationToken))
            {
                _start = _end; // whatever comes after the close frame is not read
            }
        }
        catch (IOException)
        {
            // reset: the server dropped the connection with bytes of ours unread
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
