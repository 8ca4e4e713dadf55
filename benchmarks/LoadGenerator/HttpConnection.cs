using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TypedSocketIO.Benchmarks.Load;

/// <summary>
/// One keep-alive HTTP/1.1 connection, written by hand: a request is one send, a response is
/// read with as few receives as the kernel allows (Content-Length or chunked bodies). The body
/// returned stays valid until the next request on this connection.
/// </summary>
internal sealed class HttpConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly string _host;
    private byte[] _recv = new byte[64 * 1024];
    private int _start;
    private int _end;
    private byte[] _body = new byte[16 * 1024];
    private byte[] _request = new byte[4096];

    private HttpConnection(Socket socket, string host)
    {
        _socket = socket;
        _host = host;
    }

    public long Requests { get; private set; }

    public static async Task<HttpConnection> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new HttpConnection(socket, endpoint.ToString());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends a GET (body empty) or POST and returns the status and body.</summary>
    public async Task<(int Status, ReadOnlyMemory<byte> Body)> SendAsync(string method, string pathAndQuery, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var head = method == "POST"
            ? $"POST {pathAndQuery} HTTP/1.1\r\nHost: {_host}\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: {body.Length}\r\n\r\n"
            : $"GET {pathAndQuery} HTTP/1.1\r\nHost: {_host}\r\nAccept: */*\r\n\r\n";
        var length = Encoding.ASCII.GetByteCount(head) + body.Length;
        if (_request.Length < length)
        {
            _request = new byte[Math.Max(length, _request.Length * 2)];
        }

        var written = Encoding.ASCII.GetBytes(head, _request);
        body.Span.CopyTo(_request.AsSpan(written));
        var data = _request.AsMemory(0, length);
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }

        Requests++;
        return await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<(int Status, ReadOnlyMemory<byte> Body)> ReadResponseAsync(CancellationToken cancellationToken)
    {
        int headEnd;
        while ((headEnd = _recv.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            await ReceiveAsync(cancellationToken).ConfigureAwait(false);
        }

        var head = _recv.AsSpan(_start, headEnd);
        if (!head.StartsWith("HTTP/1.1 "u8) || !Utf8Parser.TryParse(head[9..], out int status, out _))
        {
            throw new IOException("bad HTTP response");
        }

        long contentLength = -1;
        var chunked = false;
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                Utf8Parser.TryParse(value, out contentLength, out _);
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8) && Ascii.EqualsIgnoreCase(value, "chunked"u8))
            {
                chunked = true;
            }
        }

        _start += headEnd + 4;
        var bodyLength = 0;
        if (chunked)
        {
            while (true)
            {
                int lineEnd;
                while ((lineEnd = _recv.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
                {
                    await ReceiveAsync(cancellationToken).ConfigureAwait(false);
                }

                var sizeText = _recv.AsSpan(_start, lineEnd);
                var semicolon = sizeText.IndexOf((byte)';');
                if (semicolon >= 0)
                {
                    sizeText = sizeText[..semicolon];
                }

                if (!Utf8Parser.TryParse(sizeText, out int size, out _, 'X'))
                {
                    throw new IOException("bad chunk size");
                }

                _start += lineEnd + 2;
                while (_end - _start < size + 2)
                {
                    await ReceiveAsync(cancellationToken).ConfigureAwait(false);
                }

                EnsureBody(bodyLength + size);
                _recv.AsSpan(_start, size).CopyTo(_body.AsSpan(bodyLength));
                bodyLength += size;
                _start += size + 2;
                if (size == 0)
                {
                    break;
                }
            }
        }
        else if (contentLength >= 0)
        {
            while (_end - _start < contentLength)
            {
                await ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }

            bodyLength = (int)contentLength;
            EnsureBody(bodyLength);
            _recv.AsSpan(_start, bodyLength).CopyTo(_body);
            _start += bodyLength;
        }
        else
        {
            throw new IOException("response without a length");
        }

        return (status, _body.AsMemory(0, bodyLength));
    }

    private void EnsureBody(int length)
    {
        if (_body.Length < length)
        {
            Array.Resize(ref _body, Math.Max(length, _body.Length * 2));
        }
    }

    private async ValueTask ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            _recv.AsSpan(_start, _end - _start).CopyTo(_recv);
            _end -= _start;
            _start = 0;
        }

        if (_end == _recv.Length)
        {
            Array.Resize(ref _recv, _recv.Length * 2);
        }

        var n = await _socket.ReceiveAsync(_recv.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (n == 0)
        {
            throw new IOException("connection closed");
        }

        _end += n;
    }

    public void Dispose() => _socket.Dispose();
}
