using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace TypedSocketIO.EngineIO;

/// <summary>What the reader took from the client.</summary>
internal enum MessageKind
{
    Text,
    Binary,
    Ping,
    Closed,
    ProtocolError,
    TooLarge,
}

/// <summary>One whole message (its bytes owned by the receiver: never the read buffer), or an event of the connection.</summary>
internal readonly record struct WebSocketMessage(MessageKind Kind, ReadOnlyMemory<byte> Data);

/// <summary>
/// Turns the client's bytes into whole messages. Bytes are read into a pooled buffer only once
/// they have arrived (the caller waits with a zero-byte read), and the buffer goes back to the
/// pool as soon as every byte in it is used. Payloads are copied out as they arrive into a
/// buffer that grows with what has arrived, never with what a header declares, so a client that
/// announces a large frame and sends nothing costs nothing; a frame is unmasked once complete.
/// Control frames may come between a message's fragments.
/// </summary>
internal sealed class WebSocketMessageReader(int maxPayload)
{
    private const int ReadSize = 8192;

    private byte[]? _buffer;
    private int _start;
    private int _end;
    private WebSocketFrameHeader _header;
    private bool _inFrame;
    private int _filled;
    private byte[]? _control;
    private MessageBuffer _message;
    private bool _inFragmentedMessage;
    private MessageKind _messageKind;

    /// <summary>Whether a frame has started and its payload is still arriving.</summary>
    public bool IsInFrame => _inFrame;

    /// <summary>Whether bytes the client sent are waiting here (then there is no need to wait for more before reading).</summary>
    public bool HasBufferedBytes => _end > _start;

    /// <summary>Whether the reader holds a read buffer from the pool (an idle session holds none; for tests).</summary>
    internal bool HoldsReadBuffer => _buffer is not null;

    /// <summary>
    /// Reads what the client has sent into the buffer; false at the end of the stream. Call it
    /// once data is known to be there (after a zero-byte read), and it completes at once.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> FillAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            // What is left is the start of a frame header (at most 13 bytes): move it to the front.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    /// <summary>The next complete message from the buffered bytes, if they hold one (false: fill, then call again).</summary>
    public bool TryRead(out WebSocketMessage message)
    {
        if (_buffer is null)
        {
            message = default;
            return false;
        }

        var bytes = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
        var found = TryRead(ref bytes, out message);
        _start = _end - (int)bytes.Length;
        if (_start == _end)
        {
            ReleaseReadBuffer(); // every byte used: an idle session keeps no buffer
        }

        return found;
    }

    /// <summary>Gives every buffer back to the pool (at the end of the session).</summary>
    public void Release()
    {
        ReleaseReadBuffer();
        _message.Release();
    }

    private void ReleaseReadBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _start = _end = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Takes bytes from the start of <paramref name="buffer"/> (moving it on past them) until a
    /// message is complete (true) or the bytes run out (false).
    /// </summary>
    private bool TryRead(ref ReadOnlySequence<byte> buffer, out WebSocketMessage message)
    {
        while (true)
        {
            if (!_inFrame)
            {
                switch (StartFrame(ref buffer, out message))
                {
                    case FrameStart.NeedMoreData:
                        return false;
                    case FrameStart.Failed:
                        return true;
                }
            }

            var take = (int)Math.Min(buffer.Length, _header.PayloadLength - _filled);
            var destination = _header.IsControl
                ? _control.AsSpan(_filled, take)
                : _message.Append(take, _header.PayloadLength - _filled);
            buffer.Slice(0, take).CopyTo(destination);
            buffer = buffer.Slice(take);
            _filled += take;
            if (_filled < _header.PayloadLength)
            {
                message = default;
                return false;
            }

            _inFrame = false;
            var payload = _header.IsControl ? _control.AsSpan() : _message.LastBytes(_filled);
            WebSocketFrames.Unmask(payload, _header.Mask);
            if (TryFinishFrame(payload, out message))
            {
                return true;
            }
        }
    }

    /// <summary>Reads the next header and prepares for its payload; <paramref name="failure"/> says why not, if it failed.</summary>
    private FrameStart StartFrame(ref ReadOnlySequence<byte> buffer, out WebSocketMessage failure)
    {
        failure = default;
        var status = WebSocketFrames.TryReadHeader(buffer, out var header);
        if (status == FrameHeaderStatus.NeedMoreData)
        {
            return FrameStart.NeedMoreData;
        }

        var opcode = header.Opcode;
        var sequenceBroken = (opcode == WebSocketOpcode.Continuation && !_inFragmentedMessage)
            || (opcode is WebSocketOpcode.Text or WebSocketOpcode.Binary && _inFragmentedMessage);
        if (status == FrameHeaderStatus.ProtocolError || sequenceBroken)
        {
            failure = new WebSocketMessage(MessageKind.ProtocolError, default);
            return FrameStart.Failed;
        }

        // Compared as what is left of the limit: a 64-bit length added to what came before could overflow.
        var alreadyReceived = header.IsControl ? 0 : _message.Length;
        if (header.PayloadLength > maxPayload - alreadyReceived)
        {
            failure = new WebSocketMessage(MessageKind.TooLarge, default);
            return FrameStart.Failed;
        }

        var length = (int)header.PayloadLength;
        buffer = buffer.Slice(header.HeaderLength);
        _header = header;
        _inFrame = true;
        _filled = 0;
        if (header.IsControl)
        {
            _control = length == 0 ? [] : new byte[length]; // at most 125 bytes
        }
        else if (opcode != WebSocketOpcode.Continuation)
        {
            _messageKind = opcode == WebSocketOpcode.Binary ? MessageKind.Binary : MessageKind.Text;
            if (header.Fin && buffer.Length >= length)
            {
                // A whole message in one frame that has wholly arrived (the usual case): its own array.
                _message.StartExact(length);
            }
        }

        return FrameStart.Started;
    }

    /// <summary>Acts on a complete frame; true when it completes a message or ends the connection.</summary>
    private bool TryFinishFrame(Span<byte> payload, out WebSocketMessage message)
    {
        switch (_header.Opcode)
        {
            case WebSocketOpcode.Ping:
                message = new WebSocketMessage(MessageKind.Ping, _control);
                return true;
            case WebSocketOpcode.Pong:
                message = default;
                return false;
            case WebSocketOpcode.Close:
                message = new WebSocketMessage(CloseFrameKind(payload), default);
                return true;
        }

        // A data frame: the whole message, or a fragment (the first one or a continuation) of a longer one.
        _inFragmentedMessage = !_header.Fin;
        if (!_header.Fin)
        {
            message = default;
            return false;
        }

        message = new WebSocketMessage(_messageKind, _message.Take());
        return true;
    }

    /// <summary>
    /// A close payload is empty, or a two-byte status code a client may send followed by a UTF-8
    /// reason (RFC 6455 5.5.1 and 7.4).
    /// </summary>
    private static MessageKind CloseFrameKind(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 0)
        {
            return MessageKind.Closed;
        }

        if (payload.Length == 1 || !IsValidCloseCode(BinaryPrimitives.ReadUInt16BigEndian(payload)))
        {
            return MessageKind.ProtocolError;
        }

        // A reason that is not UTF-8 breaks the close frame itself: a protocol error, as the issue of
        // this rule asks (Node's ws library answers 1007 here; both fail the connection).
        return Utf8.IsValid(payload[2..]) ? MessageKind.Closed : MessageKind.ProtocolError;
    }

    /// <summary>
    /// The codes of the IANA registry a close frame may carry, and the ranges left to libraries and
    /// applications; 1004 is reserved, and 1005, 1006 and 1015 stand for events, never on the wire.
    /// </summary>
    internal static bool IsValidCloseCode(int code) => code is (>= 1000 and <= 1003) or (>= 1007 and <= 1014) or (>= 3000 and <= 4999);

    private enum FrameStart
    {
        Started,
        NeedMoreData,
        Failed,
    }
}
