using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace TypedSocketIO.Benchmarks.Load;

/// <summary>Receives the Socket.IO packets of one connection (the Engine.IO message after its <c>4</c>).</summary>
internal interface IPacketSink
{
    /// <summary>Handles one packet; replies go through <see cref="WsClient.AppendMessage"/> and leave together after the whole read.</summary>
    void OnPacket(WsClient client, ReadOnlySpan<byte> packet);
}

/// <summary>
/// One Engine.IO 4 connection over WebSocket, framed by hand on a raw socket. Reads take
/// whatever the kernel has (64 KB at a time) and every complete frame in it is handled before
/// the next read; replies are appended to a send buffer and leave in one send per read, so a
/// burst of acks costs one receive and one send system call, and steady state allocates nothing.
/// </summary>
internal sealed class WsClient : IDisposable
{
    private const int ReceiveSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private readonly ulong _mask64;
    private byte[] _recv = new byte[ReceiveSize];
    private int _recvStart;
    private int _recvEnd;
    private byte[] _send = new byte[4096];
    private byte[] _spare = new byte[4096];
    private int _sendLength;

    private WsClient(Socket socket)
    {
        _socket = socket;
        Span<byte> key = stackalloc byte[4];
        RandomNumberGenerator.Fill(key);
        var key32 = MemoryMarshal.Read<uint>(key);
        _mask64 = key32 | ((ulong)key32 << 32);
    }

    /// <summary>Frames handled, receive calls and send calls: how well reads and writes are batched.</summary>
    public long FramesReceived { get; private set; }

    public long ReceiveCalls { get; private set; }

    public long SendCalls { get; private set; }

    public long FramesSent { get; private set; }

    public bool Closed { get; private set; }

    /// <summary>Opens the TCP connection, upgrades it, reads the Engine.IO open packet and joins namespace <c>/</c>.</summary>
    public static async Task<WsClient> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            var client = new WsClient(socket);
            await client.HandshakeAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task HandshakeAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = Encoding.ASCII.GetBytes(
            $"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: {endpoint}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n");
        await SendAllAsync(request, cancellationToken).ConfigureAwait(false);

        while (true)
        {
            var n = await _socket.ReceiveAsync(_recv.AsMemory(_recvEnd), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException("closed during the WebSocket handshake");
            }

            _recvEnd += n;
            var end = _recv.AsSpan(0, _recvEnd).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                if (!_recv.AsSpan().StartsWith("HTTP/1.1 101"u8))
                {
                    throw new IOException("upgrade refused: " + Encoding.ASCII.GetString(_recv, 0, Math.Min(end, 200)));
                }

                _recvStart = end + 4;
                break;
            }

            if (_recvEnd == _recv.Length)
            {
                throw new IOException("oversized handshake response");
            }
        }

        var open = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
        if (open.Length == 0 || open[0] != (byte)'0')
        {
            throw new IOException("expected the Engine.IO open packet");
        }

        AppendMessage("40"u8);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var message = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (message.AsSpan().SequenceEqual("2"u8))
            {
                AppendMessage("3"u8);
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (message.AsSpan().StartsWith("40"u8))
            {
                return;
            }
            else if (message.AsSpan().StartsWith("44"u8))
            {
                throw new IOException("CONNECT refused: " + Encoding.UTF8.GetString(message));
            }
        }
    }

    /// <summary>The next text message, copied (handshake only).</summary>
    private async Task<byte[]> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            while (TryParseFrame(out var opcode, out var payloadStart, out var payloadLength, out var frameLength))
            {
                _recvStart += frameLength;
                if (opcode == 0x1)
                {
                    return _recv.AsSpan(payloadStart, payloadLength).ToArray();
                }

                if (opcode == 0x8)
                {
                    throw new IOException("closed by the server");
                }
            }

            await ReceiveMoreAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask ReceiveMoreAsync(CancellationToken cancellationToken)
    {
        Compact();
        var n = await _socket.ReceiveAsync(_recv.AsMemory(_recvEnd), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        ReceiveCalls++;
        if (n == 0)
        {
            Closed = true;
            throw new IOException("connection closed");
        }

        _recvEnd += n;
    }

    /// <summary>Moves a partial frame to the front of the buffer, growing it if one frame does not fit.</summary>
    private void Compact()
    {
        if (_recvStart == _recvEnd)
        {
            _recvStart = _recvEnd = 0;
            return;
        }

        if (_recvStart > 0 && (_recvEnd == _recv.Length || _recvStart > _recv.Length / 2))
        {
            _recv.AsSpan(_recvStart, _recvEnd - _recvStart).CopyTo(_recv);
            _recvEnd -= _recvStart;
            _recvStart = 0;
        }

        if (_recvEnd == _recv.Length)
        {
            Array.Resize(ref _recv, _recv.Length * 2);
        }
    }

    private bool TryParseFrame(out int opcode, out int payloadStart, out int payloadLength, out int frameLength)
    {
        opcode = payloadStart = payloadLength = frameLength = 0;
        var available = _recvEnd - _recvStart;
        if (available < 2)
        {
            return false;
        }

        var span = _recv.AsSpan(_recvStart, available);
        if ((span[0] & 0x80) == 0)
        {
            throw new IOException("fragmented frames are not expected from a benchmark server");
        }

        opcode = span[0] & 0x0F;
        var header = 2;
        long length = span[1] & 0x7F;
        if (length == 126)
        {
            if (available < 4)
            {
                return false;
            }

            length = BinaryPrimitives.ReadUInt16BigEndian(span[2..]);
            header = 4;
        }
        else if (length == 127)
        {
            if (available < 10)
            {
                return false;
            }

            length = (long)BinaryPrimitives.ReadUInt64BigEndian(span[2..]);
            header = 10;
        }

        if ((span[1] & 0x80) != 0)
        {
            throw new IOException("the server masked a frame");
        }

        if (available < header + length)
        {
            return false;
        }

        payloadStart = _recvStart + header;
        payloadLength = (int)length;
        frameLength = header + (int)length;
        return true;
    }

    /// <summary>Handles frames until <paramref name="cancellationToken"/> fires or the server closes.</summary>
    public async Task RunAsync(IPacketSink sink, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                while (TryParseFrame(out var opcode, out var payloadStart, out var payloadLength, out var frameLength))
                {
                    _recvStart += frameLength;
                    FramesReceived++;
                    Handle(sink, opcode, _recv.AsSpan(payloadStart, payloadLength));
                }

                if (Closed)
                {
                    return;
                }

                if (HasPendingSends)
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                await ReceiveMoreAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Stopped, or the server went away: the scenario counts what was done.
        }
    }

    private void Handle(IPacketSink sink, int opcode, ReadOnlySpan<byte> payload)
    {
        switch (opcode)
        {
            case 0x1 when payload.Length > 0:
                switch (payload[0])
                {
                    case (byte)'4':
                        sink.OnPacket(this, payload[1..]);
                        break;
                    case (byte)'2':
                        AppendMessage("3"u8); // Engine.IO ping → pong
                        break;
                    case (byte)'1':
                        Closed = true;
                        break;
                }

                break;
            case 0x8:
                Closed = true;
                break;
            case 0x9:
                lock (_gate)
                {
                    AppendFrameLocked(0xA, payload);
                }

                break;
        }
    }

    private bool HasPendingSends
    {
        get
        {
            lock (_gate)
            {
                return _sendLength > 0;
            }
        }
    }

    /// <summary>Appends one masked text frame to the send buffer.</summary>
    public void AppendMessage(ReadOnlySpan<byte> text)
    {
        lock (_gate)
        {
            AppendFrameLocked(0x1, text);
        }
    }

    private void AppendFrameLocked(int opcode, ReadOnlySpan<byte> payload)
    {
        var header = payload.Length <= 125 ? 2 : payload.Length <= ushort.MaxValue ? 4 : 10;
        var needed = _sendLength + header + 4 + payload.Length;
        if (needed > _send.Length)
        {
            Array.Resize(ref _send, Math.Max(needed, _send.Length * 2));
        }

        var span = _send.AsSpan(_sendLength);
        span[0] = (byte)(0x80 | opcode);
        if (header == 2)
        {
            span[1] = (byte)(0x80 | payload.Length);
        }
        else if (header == 4)
        {
            span[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)payload.Length);
        }
        else
        {
            span[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(span[2..], (ulong)payload.Length);
        }

        MemoryMarshal.Write(span[header..], (uint)_mask64);
        var body = span.Slice(header + 4, payload.Length);
        payload.CopyTo(body);
        Mask(body);
        _sendLength = needed;
        FramesSent++;
    }

    /// <summary>XORs with the connection's key, eight bytes at a time.</summary>
    private void Mask(Span<byte> body)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(body);
        for (var i = 0; i < words.Length; i++)
        {
            words[i] ^= _mask64;
        }

        for (var i = words.Length * 8; i < body.Length; i++)
        {
            body[i] ^= (byte)(_mask64 >> ((i & 3) * 8));
        }
    }

    /// <summary>Sends everything appended so far in one write (two buffers alternate, so appending never waits for the socket).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] buffer;
            int length;
            lock (_gate)
            {
                if (_sendLength == 0)
                {
                    return;
                }

                buffer = _send;
                length = _sendLength;
                _send = _spare;
                _spare = buffer;
                _sendLength = 0;
            }

            await SendAllAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushLock.Release();
        }
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            SendCalls++;
            data = data[sent..];
        }
    }

    public void Dispose()
    {
        Closed = true;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _socket.Dispose();
    }
}
