using System.Text;
using Microsoft.Extensions.Logging;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// One Engine.IO session: a client reached over long-polling or WebSocket (the transport may
/// change once, by upgrade), with its heartbeat and its one bounded outgoing queue.
/// </summary>
public sealed class EngineIOConnection
{
    private readonly EngineIOServer _server;
    private long _heartbeatDue = long.MaxValue; // Environment.TickCount64 of the next ping, or of the pong deadline
    private CancellationTokenSource? _pollRelease; // made by the first poll: WebSocket sessions never need it
    private int _pollReleased;
    private int _closed;
    private int _awaitingPong;
    private int _pollActive;
    private int _postActive;
    private int _upgrading;
    private volatile EngineIOTransports _transport;
    private ServerWebSocket? _webSocket;

    internal EngineIOConnection(string id, EngineIOServer server, EngineIOHandshake handshake, EngineIOTransports transport)
    {
        Id = id;
        _server = server;
        Handshake = handshake;
        _transport = transport;
        Queue = new OutgoingQueue(server.Options.MaxBufferedBytes);
    }

    /// <summary>The session id (20 characters from a cryptographic random source).</summary>
    public string Id { get; }

    /// <summary>The transport in use.</summary>
    public EngineIOTransports Transport => _transport;

    /// <summary>The handshake request's snapshot.</summary>
    public EngineIOHandshake Handshake { get; }

    /// <summary>Whether the session is still open.</summary>
    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>Set by the handler that owns this connection (Socket.IO keeps its client here).</summary>
    public object? HandlerState { get; set; }

    internal OutgoingQueue Queue { get; }

    internal EngineIOServer Server => _server;

    /// <summary>Cancelled once a pending poll must answer at once (an upgrade probe, or the close).</summary>
    internal CancellationToken PollReleased
    {
        get
        {
            if (_pollRelease is null)
            {
                Interlocked.CompareExchange(ref _pollRelease, new CancellationTokenSource(), null);
                if (Volatile.Read(ref _pollReleased) == 1)
                {
                    // Released before any poll asked: ReleasePoll may not have seen this source.
                    _pollRelease.Cancel();
                }
            }

            return _pollRelease.Token;
        }
    }

    /// <summary>Whether a polling client is still owed the close packet of a closed session.</summary>
    internal bool TellsClientOfClose { get; private set; }

    internal bool IsUpgrading => Volatile.Read(ref _upgrading) == 1;

    /// <summary>Sends a text message.</summary>
    public bool SendText(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        bytes[0] = (byte)'4';
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(1));
        return Send([EngineFrame.Text(bytes)]) == EnqueueResult.Queued;
    }

    /// <summary>Sends a binary message.</summary>
    public bool SendBinary(ReadOnlyMemory<byte> bytes) => Send([EngineFrame.Binary(bytes)]) == EnqueueResult.Queued;

    /// <summary>Closes the session from the server side; queued messages are still flushed.</summary>
    public void Close() => Close(EngineIOCloseReason.ForcedClose);

    /// <summary>Queues frames as one unit; a client too slow to drain its queue is disconnected.</summary>
    internal EnqueueResult Send(ReadOnlySpan<EngineFrame> frames, bool isVolatile = false)
    {
        var result = Queue.TryEnqueue(frames, isVolatile);
        if (result == EnqueueResult.Overflow)
        {
            _server.Log.SendBufferFull(Id, Queue.BufferedBytes);
            Close(EngineIOCloseReason.SendBufferFull);
        }

        return result;
    }

    internal void Start()
    {
        SchedulePing();
    }

    /// <summary>Handles one packet from the client, whatever the transport.</summary>
    internal ValueTask ReceiveAsync(ReadOnlyMemory<byte> data, bool isBinary)
    {
        if (!IsOpen)
        {
            return ValueTask.CompletedTask;
        }

        if (isBinary)
        {
            return _server.Handler.OnMessageAsync(this, new EngineIOMessage(data, true));
        }

        if (data.IsEmpty)
        {
            Close(EngineIOCloseReason.ParseError);
            return ValueTask.CompletedTask;
        }

        switch ((EnginePacketType)(data.Span[0] - '0'))
        {
            case EnginePacketType.Message:
                return _server.Handler.OnMessageAsync(this, new EngineIOMessage(data[1..], false));
            case EnginePacketType.Pong:
                OnPong();
                break;
            case EnginePacketType.Ping:
                Send([EngineFrame.Pong]);
                break;
            case EnginePacketType.Close:
                Close(EngineIOCloseReason.TransportClose);
                break;
            case EnginePacketType.Noop:
                break;
            default:
                _server.Log.InvalidPacket(Id);
                Close(EngineIOCloseReason.ParseError);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Whether a poll is pending now.</summary>
    internal bool IsPolling => Volatile.Read(ref _pollActive) == 1;

    internal bool TryBeginPoll() => Interlocked.CompareExchange(ref _pollActive, 1, 0) == 0;

    internal void EndPoll() => Volatile.Write(ref _pollActive, 0);

    internal bool TryBeginPost() => Interlocked.CompareExchange(ref _postActive, 1, 0) == 0;

    internal void EndPost() => Volatile.Write(ref _postActive, 0);

    internal bool TryBeginUpgrade() => Interlocked.CompareExchange(ref _upgrading, 1, 0) == 0;

    /// <summary>A probe succeeded: release any pending poll (it answers with what is queued, or a noop).</summary>
    internal void ReleasePoll()
    {
        Interlocked.Exchange(ref _pollReleased, 1);
        Volatile.Read(ref _pollRelease)?.Cancel();
    }

    internal void CompleteUpgrade() => _transport = EngineIOTransports.WebSocket;

    /// <summary>The WebSocket that now carries the session: its writer is woken if the session closes while it waits on a client that does not read.</summary>
    internal void AttachWebSocket(ServerWebSocket socket)
    {
        Volatile.Write(ref _webSocket, socket);
        if (!IsOpen)
        {
            socket.OnSessionClosed();
        }
    }

    internal void AbortUpgrade() => Volatile.Write(ref _upgrading, 0);

    /// <summary>Closes the session once; the handler hears of it with <paramref name="reason"/>.</summary>
    /// <param name="reason">Why, in Engine.IO's words.</param>
    /// <param name="tellPollingClient">Queue a close packet for a polling client; by default, unless the transport itself failed.</param>
    internal void Close(string reason, bool? tellPollingClient = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        var tellClient = _transport == EngineIOTransports.Polling
            && (tellPollingClient ?? reason is not (EngineIOCloseReason.TransportClose or EngineIOCloseReason.TransportError));
        // A polling client learns of the close from a poll that carries the close packet alone,
        // after the packets still queued: clients handle those first only if they come earlier.
        TellsClientOfClose = tellClient;
        Queue.Complete();
        Volatile.Read(ref _webSocket)?.OnSessionClosed();
        ReleasePoll();
        _server.Remove(this, reason, awaitFinalPoll: tellClient);
    }

    private void SchedulePing() =>
        Volatile.Write(ref _heartbeatDue, Environment.TickCount64 + (long)_server.Options.PingInterval.TotalMilliseconds);

    /// <summary>The server's heartbeat sweep: sends the ping when it is due, or closes when the pong is late.</summary>
    internal void OnHeartbeatTick(long now)
    {
        if (!IsOpen || now < Volatile.Read(ref _heartbeatDue))
        {
            return;
        }

        if (Volatile.Read(ref _awaitingPong) == 1)
        {
            Close(EngineIOCloseReason.PingTimeout);
            return;
        }

        // The deadline is set before the flag: a pong cannot come before the ping it answers.
        Volatile.Write(ref _heartbeatDue, now + (long)_server.Options.PingTimeout.TotalMilliseconds);
        Interlocked.Exchange(ref _awaitingPong, 1);
        Send([EngineFrame.Ping]);
    }

    private void OnPong()
    {
        if (Interlocked.Exchange(ref _awaitingPong, 0) == 1)
        {
            SchedulePing();
        }
    }
}
