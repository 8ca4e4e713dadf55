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
    private long _pingDue = long.MaxValue; // Environment.TickCount64 of the next ping
    private long _pongDeadline = long.MaxValue; // when the session is over unless a pong has come
    private CancellationTokenSource? _pollRelease; // made by the first poll: WebSocket sessions never need it
    private int _pollReleased;
    private int _closed;
    private int _awaitingPong;
    private int _pollActive;
    private int _postActive;
    private TaskCompletionSource? _postEnded; // made only while an upgrade waits for a POST to end
    private int _upgrading;
    private volatile EngineIOTransports _transport;
    private ServerWebSocket? _webSocket;
    private int _metered; // how SocketIOMetrics counts the session in active_connections

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
    internal object? HandlerState { get; set; }

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
        _server.Metrics.ConnectionOpened(ref _metered, _transport);
    }

    /// <summary>
    /// Why a text packet from the client breaks Engine.IO 4 (the close reason), or null when a
    /// client may send it. The server pings and the client answers, so a client's ping breaks the
    /// heartbeat's direction, as the reference server says; the upgrade probe is not read here.
    /// </summary>
    internal static string? RefusalOf(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return EngineIOCloseReason.ParseError;
        }

        return (EnginePacketType)(text[0] - '0') switch
        {
            EnginePacketType.Message or EnginePacketType.Pong or EnginePacketType.Close or EnginePacketType.Noop => null,
            EnginePacketType.Ping => EngineIOCloseReason.TransportError,
            _ => EngineIOCloseReason.ParseError,
        };
    }

    /// <summary>Handles one packet from the client, whatever the transport.</summary>
    internal ValueTask ReceiveAsync(ReadOnlyMemory<byte> data, bool isBinary)
    {
        if (!IsOpen)
        {
            return ValueTask.CompletedTask;
        }

        _server.Metrics.PacketReceived(_transport, data.Length);
        if (IsPastPongDeadline(Environment.TickCount64))
        {
            // Late is late, even if the heartbeat sweep has not come round yet.
            Close(EngineIOCloseReason.PingTimeout);
            return ValueTask.CompletedTask;
        }

        if (isBinary)
        {
            return _server.Handler.OnMessageAsync(this, new EngineIOMessage(data, true));
        }

        if (RefusalOf(data.Span) is { } refusal)
        {
            _server.Log.InvalidPacket(Id);
            Close(refusal);
            return ValueTask.CompletedTask;
        }

        switch ((EnginePacketType)(data.Span[0] - '0'))
        {
            case EnginePacketType.Message:
                return _server.Handler.OnMessageAsync(this, new EngineIOMessage(data[1..], false));
            case EnginePacketType.Pong:
                OnPong();
                break;
            case EnginePacketType.Close:
                Close(EngineIOCloseReason.TransportClose);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Whether a poll is pending now.</summary>
    internal bool IsPolling => Volatile.Read(ref _pollActive) == 1;

    internal bool TryBeginPoll() => Interlocked.CompareExchange(ref _pollActive, 1, 0) == 0;

    internal void EndPoll() => Volatile.Write(ref _pollActive, 0);

    /// <summary>Whether a POST is being handled now.</summary>
    internal bool IsPosting => Volatile.Read(ref _postActive) == 1;

    /// <summary>Whether an upgrade is waiting for a POST to end before its WebSocket is read.</summary>
    internal bool IsUpgradeWaitingForPost => Volatile.Read(ref _postEnded) is not null;

    /// <summary>The WebSocket carrying the session, once there is one.</summary>
    internal ServerWebSocket? WebSocket => Volatile.Read(ref _webSocket);

    internal bool TryBeginPost() => Interlocked.CompareExchange(ref _postActive, 1, 0) == 0;

    internal void EndPost()
    {
        Volatile.Write(ref _postActive, 0);
        Interlocked.Exchange(ref _postEnded, null)?.TrySetResult();
    }

    internal bool TryBeginUpgrade() => Interlocked.CompareExchange(ref _upgrading, 1, 0) == 0;

    /// <summary>A probe succeeded: release any pending poll (it answers with what is queued, or a noop).</summary>
    internal void ReleasePoll()
    {
        Interlocked.Exchange(ref _pollReleased, 1);
        Volatile.Read(ref _pollRelease)?.Cancel();
    }

    /// <summary>
    /// Moves the session to the WebSocket, once a POST still being handled has ended: packets of
    /// one session are never handled by two transports at once. A POST that starts later sees the
    /// new transport and is refused.
    /// </summary>
    internal Task CompleteUpgradeAsync()
    {
        _transport = EngineIOTransports.WebSocket;
        _server.Metrics.ConnectionUpgraded(ref _metered);
        Interlocked.MemoryBarrier(); // the transport is written before a POST in flight is looked for (PostAsync does the reverse)
        if (Volatile.Read(ref _postActive) == 0)
        {
            return Task.CompletedTask;
        }

        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _postEnded, ended);
        if (Volatile.Read(ref _postActive) == 0)
        {
            ended.TrySetResult(); // it ended while the waiter was made
        }

        return ended.Task;
    }

    /// <summary>The WebSocket that now carries the session: its writer is woken if the session closes while it waits on a client that does not read.</summary>
    internal void AttachWebSocket(ServerWebSocket socket)
    {
        Volatile.Write(ref _webSocket, socket);
        if (!IsOpen)
        {
            socket.OnSessionClosed();
        }
    }

    /// <summary>
    /// An upgrade failed: the session stays on polling, and polls wait for data again (a poll
    /// released for the probe answered at once; the ones after it must not, or clients busy-loop).
    /// </summary>
    internal void AbortUpgrade()
    {
        if (IsOpen && Interlocked.Exchange(ref _pollReleased, 0) == 1)
        {
            Volatile.Write(ref _pollRelease, null); // the next poll makes a fresh one
            if (!IsOpen)
            {
                ReleasePoll(); // closed meanwhile: the close must still release a poll
            }
        }

        Volatile.Write(ref _upgrading, 0);
    }

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
        _server.Metrics.ConnectionClosed(ref _metered);
        Queue.Complete();
        Volatile.Read(ref _webSocket)?.OnSessionClosed();
        ReleasePoll();
        _server.Remove(this, reason, awaitFinalPoll: tellClient);
    }

    /// <summary>
    /// Sets the next ping, and the moment the session is over unless its pong has come:
    /// <c>pingInterval + pingTimeout</c> from now, measured from when the ping is due rather than
    /// from when a sweep sent it.
    /// </summary>
    /// <summary>
    /// Closes the session and forgets it now: a later request with its id is refused as unknown.
    /// A poll still pending is answered with the close packet.
    /// </summary>
    internal void CloseAtOnce(string reason)
    {
        Close(reason, tellPollingClient: true);
        _server.Forget(this);
    }

    private void SchedulePing()
    {
        var now = Environment.TickCount64;
        var interval = (long)_server.Options.PingInterval.TotalMilliseconds;
        // The deadline moves before the ping does: a sweep never sees a new ping with the old deadline.
        Volatile.Write(ref _pongDeadline, now + interval + (long)_server.Options.PingTimeout.TotalMilliseconds);
        Volatile.Write(ref _pingDue, now + interval);
    }

    /// <summary>Whether the pong is overdue at <paramref name="now"/> (<see cref="Environment.TickCount64"/>).</summary>
    internal bool IsPastPongDeadline(long now) => now >= Volatile.Read(ref _pongDeadline);

    /// <summary>The server's heartbeat sweep: sends the ping when it is due, or closes when the pong is late.</summary>
    internal void OnHeartbeatTick(long now)
    {
        if (!IsOpen)
        {
            return;
        }

        if (IsPastPongDeadline(now))
        {
            Close(EngineIOCloseReason.PingTimeout);
            return;
        }

        if (now >= Volatile.Read(ref _pingDue) && Interlocked.CompareExchange(ref _awaitingPong, 1, 0) == 0)
        {
            Send([EngineFrame.Ping]);
        }
    }

    private void OnPong()
    {
        if (Volatile.Read(ref _awaitingPong) == 1)
        {
            // The next ping is set before the flag clears: a sweep in between sees the new time.
            SchedulePing();
            Volatile.Write(ref _awaitingPong, 0);
        }
    }
}
