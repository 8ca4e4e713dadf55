using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace TypedSocketIO.Benchmarks.Soak;

/// <summary>
/// One Socket.IO connection (namespace <c>/</c>) over ClientWebSocket: the Engine.IO handshake,
/// <c>40</c> connect, pings answered, events sent with ack ids, and every answer checked.
/// </summary>
/// <remarks>
/// Checks, all per connection: acks come back exactly once, in the order the events were sent,
/// each with its expected value (echo/say: the seq; join/leave: the room count the client
/// expects); the sender's own <c>said</c> copy arrives before the ack of its <c>say</c>; for every
/// (room, sender), the seqs received are contiguous from the first one seen; no <c>said</c>
/// arrives for a room the connection has left (leave acked) or never joined.
/// </remarks>
internal sealed class SoakConnection
{
    private const int MaxChurnRoomsPerConnection = 3;

    private static readonly byte[] Pong = "3"u8.ToArray();
    private static readonly byte[] Connect = "40"u8.ToArray();
    private static readonly byte[] Disconnect = "41"u8.ToArray();

    private readonly SoakOptions _options;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ClientWebSocket _socket = new();
    private readonly List<Pending> _outstanding = new(8);
    private readonly Dictionary<string, RoomState> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Room, string Sender), SenderStream> _streams = [];
    private readonly Dictionary<string, long> _saySeq = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _ownLast = new(StringComparer.Ordinal);
    private TaskCompletionSource _drained = NewDrained();
    private byte[] _buffer = new byte[1024];
    private Task? _receiveLoop;
    private long _nextAckId;
    private long _echoSeq;
    private bool _batchSending;
    private volatile bool _closing;
    private volatile string? _failure;

    public SoakConnection(int slot, string homeRoom, SoakOptions options, Random random)
    {
        Slot = slot;
        HomeRoom = homeRoom;
        _options = options;
        _random = random;
        _socket.Options.KeepAliveInterval = TimeSpan.Zero; // Engine.IO has its own heartbeat.
    }

    public int Slot { get; }

    public string HomeRoom { get; }

    /// <summary>The socket id the server gave in its CONNECT answer: this connection's identity.</summary>
    public string Sid { get; private set; } = "";

    /// <summary>When the home room's join was acknowledged (Stopwatch ticks); 0 before.</summary>
    public long HomeJoinedTicks { get; private set; }

    /// <summary>When each home-room say was sent (index seq - 1).</summary>
    public List<long> HomeSaySentTicks { get; } = [];

    /// <summary>The highest home-room say seq acknowledged.</summary>
    public long HomeSayAcked { get; private set; }

    public string? Failure => _failure;

    private static TaskCompletionSource NewDrained()
    {
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        drained.SetResult();
        return drained;
    }

    /// <summary>Opens the WebSocket, reads the open packet, joins namespace <c>/</c>; false (counted) on failure.</summary>
    public async Task<bool> ConnectAsync(Uri uri, HttpMessageInvoker invoker, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await _socket.ConnectAsync(uri, invoker, timeout.Token).ConfigureAwait(false);
            var open = await ReceiveMessageAsync(timeout.Token).ConfigureAwait(false);
            if (open is not { } openLength || openLength < 1 || _buffer[0] != (byte)'0')
            {
                throw new InvalidOperationException("expected the Engine.IO open packet, got " + Show(_buffer, open ?? 0));
            }

            await _socket.SendAsync(Connect, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
            var connected = await ReceiveMessageAsync(timeout.Token).ConfigureAwait(false);
            if (connected is not { } length || length < 3 || _buffer[0] != (byte)'4' || _buffer[1] != (byte)'0')
            {
                throw new InvalidOperationException("expected the CONNECT answer, got " + Show(_buffer, connected ?? 0));
            }

            using var json = JsonDocument.Parse(_buffer.AsMemory(2, length - 2));
            Sid = json.RootElement.GetProperty("sid").GetString() ?? throw new InvalidOperationException("CONNECT answer without sid");
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or InvalidOperationException or JsonException or HttpRequestException or IOException)
        {
            _socket.Abort();
            _socket.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                return false; // the run is stopping: not a failure
            }

            Interlocked.Increment(ref Stats.ConnectFailures);
            Stats.Sample("connect", $"connect failed (slot {Slot}): {exception.GetType().Name}: {exception.Message}");
            return false;
        }

        Interlocked.Increment(ref Stats.Connects);
        Interlocked.Increment(ref Stats.Connected);
        _receiveLoop = ReceiveLoopAsync();
        return true;
    }

    /// <summary>
    /// Runs the mixed traffic until <paramref name="until"/> (Stopwatch ticks) or <paramref name="stop"/>:
    /// batches of 1..N pipelined events (the first is the home room's join), each batch waited for.
    /// Returns false if the connection failed.
    /// </summary>
    public async Task<bool> RunTrafficAsync(long until, CancellationToken stop)
    {
        // The home room first: the connection stays in it for its whole life.
        if (!await SendBatchAsync(1, Op.Join(HomeRoom)).ConfigureAwait(false))
        {
            return false;
        }

        while (!stop.IsCancellationRequested && Stopwatch.GetTimestamp() < until)
        {
            // A random pause around the mean interval (0.5x .. 1.5x).
            var pause = (int)(_options.IntervalMs * (0.5 + _random.NextDouble()));
            var remaining = (until - Stopwatch.GetTimestamp()) / (Stopwatch.Frequency / 1000);
            await Task.Delay((int)Math.Clamp(remaining, 0, pause), stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stop.IsCancellationRequested || Stopwatch.GetTimestamp() >= until)
            {
                break;
            }

            if (!await SendBatchAsync(_random.Next(1, _options.BatchMax + 1)).ConfigureAwait(false))
            {
                return false;
            }
        }

        return _failure is null;
    }

    /// <summary>Closes the connection on purpose: <c>41</c> and a WebSocket close, or an abrupt abort.</summary>
    public async Task CloseAsync(bool graceful)
    {
        lock (_lock)
        {
            // A connection is closed on purpose only once its last batch is answered; anything
            // still outstanding would never be checked, so it counts as missing.
            if (_failure is null && _outstanding.Count > 0)
            {
                Interlocked.Add(ref Stats.AckMissing, _outstanding.Count);
                Stats.Sample("closed early", $"closing with {_outstanding.Count} ack(s) outstanding (sid {Sid})");
            }

            _closing = true;
        }

        if (graceful && _failure is null)
        {
            Interlocked.Increment(ref Stats.GracefulCloses);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await _socket.SendAsync(Disconnect, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }

                if (_receiveLoop is not null)
                {
                    await _receiveLoop.WaitAsync(timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
            {
                _socket.Abort();
            }
        }
        else
        {
            Interlocked.Increment(ref Stats.AbruptCloses);
            _socket.Abort();
        }

        if (_receiveLoop is not null)
        {
            await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _socket.Dispose();
    }

    /// <summary>The end-of-run view of one sender's stream in this connection's home room: (first, last) seen, or null.</summary>
    public (long First, long Last)? HomeStreamOf(string sender)
    {
        lock (_lock)
        {
            return _streams.TryGetValue((HomeRoom, sender), out var stream) ? (stream.First, stream.Last) : null;
        }
    }

    private Op NextOp()
    {
        var roll = _random.NextDouble();
        lock (_lock)
        {
            if (roll < 0.45)
            {
                return Op.Echo(++_echoSeq);
            }

            if (roll < 0.80)
            {
                // Mostly the home room; sometimes a churn room this connection is (or will be) in.
                var room = HomeRoom;
                if (_random.NextDouble() < 0.2 && PickChurnRoom(member: true) is { } churn)
                {
                    room = churn;
                }

                ref var seq = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_saySeq, room, out _);
                seq++;
                return Op.Say(room, seq);
            }

            var members = CountExpectedChurn();
            if (members == 0 || (members < MaxChurnRoomsPerConnection && _random.NextDouble() < 0.5))
            {
                if (PickChurnRoom(member: false) is { } toJoin)
                {
                    return Op.Join(toJoin);
                }
            }

            return PickChurnRoom(member: true) is { } toLeave ? Op.Leave(toLeave) : Op.Echo(++_echoSeq);
        }
    }

    private int CountExpectedChurn()
    {
        var count = 0;
        foreach (var (_, state) in _rooms)
        {
            if (!state.IsHome && state.ExpectedMember)
            {
                count++;
            }
        }

        return count;
    }

    private string? PickChurnRoom(bool member)
    {
        if (member)
        {
            string? chosen = null;
            var seen = 0;
            foreach (var (name, state) in _rooms)
            {
                if (!state.IsHome && state.ExpectedMember && _random.Next(++seen) == 0)
                {
                    chosen = name;
                }
            }

            return chosen;
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var name = "churn-" + _random.Next(_options.ChurnRooms);
            if (!_rooms.TryGetValue(name, out var state) || !state.ExpectedMember)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// Sends <paramref name="count"/> events back to back (<paramref name="only"/>, or random ones),
    /// then waits until all are acknowledged (or the ack timeout). Each event is chosen after the
    /// previous one was registered, so it sees the room memberships the earlier ones will make.
    /// </summary>
    private async Task<bool> SendBatchAsync(int count, Op? only = null)
    {
        Task drained;
        lock (_lock)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = _drained.Task;
            _batchSending = true; // the batch is not drained before all of it is sent
        }

        for (var i = 0; i < count; i++)
        {
            if (!await SendOpAsync(only ?? NextOp()).ConfigureAwait(false))
            {
                return false;
            }
        }

        lock (_lock)
        {
            _batchSending = false;
            if (_outstanding.Count == 0)
            {
                _drained.TrySetResult();
            }
        }

        try
        {
            await drained.WaitAsync(TimeSpan.FromSeconds(_options.AckTimeoutSeconds)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Fail($"acks not received within {_options.AckTimeoutSeconds} s", ref Stats.AckTimeouts);
            _socket.Abort();
            return false;
        }

        return _failure is null;
    }

    private async Task<bool> SendOpAsync(Op op)
    {
        byte[] frame;
        lock (_lock)
        {
            var ackId = _nextAckId++;
            long expected;
            switch (op.Kind)
            {
                case OpKind.Echo:
                    expected = op.Seq;
                    frame = Encoding.UTF8.GetBytes($"42{ackId}[\"echo\",{op.Seq}]");
                    Interlocked.Increment(ref Stats.Echoes);
                    break;
                case OpKind.Say:
                    expected = op.Seq;
                    frame = Encoding.UTF8.GetBytes($"42{ackId}[\"say\",\"{op.Room}\",{op.Seq}]");
                    if (op.Room == HomeRoom)
                    {
                        HomeSaySentTicks.Add(Stopwatch.GetTimestamp());
                    }

                    Interlocked.Increment(ref Stats.Says);
                    break;
                default:
                    var state = RoomOf(op.Room!);
                    state.Pending++;
                    state.ExpectedMember = op.Kind == OpKind.Join;
                    expected = 2 + CountExpectedChurn(); // its own room, the home room, the churn rooms
                    frame = Encoding.UTF8.GetBytes($"42{ackId}[\"{(op.Kind == OpKind.Join ? "join" : "leave")}\",\"{op.Room}\"]");
                    Interlocked.Increment(ref op.Kind == OpKind.Join ? ref Stats.Joins : ref Stats.Leaves);
                    break;
            }

            // Registered before the send, so the answer can never arrive first.
            _outstanding.Add(new Pending(ackId, op, expected, Stopwatch.GetTimestamp()));
        }

        Interlocked.Increment(ref Stats.Sent);
        return await SendFrameAsync(frame).ConfigureAwait(false);
    }

    private async Task<bool> SendFrameAsync(byte[] frame)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            Fail($"send failed: {exception.GetType().Name}: {exception.Message}", ref Stats.SendFailures);
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private RoomState RoomOf(string room)
    {
        if (!_rooms.TryGetValue(room, out var state))
        {
            state = new RoomState { IsHome = room == HomeRoom };
            _rooms[room] = state;
        }

        return state;
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var received = await ReceiveMessageAsync(CancellationToken.None).ConfigureAwait(false);
                if (received is not { } length)
                {
                    Fail($"server closed the WebSocket ({_socket.CloseStatus} {_socket.CloseStatusDescription})", ref Stats.UnexpectedCloses);
                    return;
                }

                if (!await HandleAsync(_buffer.AsMemory(0, length)).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            Fail($"receive failed: {exception.GetType().Name}: {exception.Message}", ref Stats.UnexpectedCloses);
        }
        finally
        {
            Interlocked.Decrement(ref Stats.Connected);
            lock (_lock)
            {
                _drained.TrySetResult(); // wakes a waiting batch; it sees the failure
            }
        }
    }

    /// <summary>Reads one whole message into <see cref="_buffer"/> (grown if needed); its length, or null at close.</summary>
    private async Task<int?> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return length;
            }
        }
    }

    /// <summary>Handles one Engine.IO packet; false ends the receive loop.</summary>
    private async ValueTask<bool> HandleAsync(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        if (span.IsEmpty)
        {
            return Protocol("empty frame");
        }

        switch (span[0])
        {
            case (byte)'2':
                Interlocked.Increment(ref Stats.PingsAnswered);
                return await SendFrameAsync(Pong).ConfigureAwait(false) || _closing;
            case (byte)'6':
                return true;
            case (byte)'1':
                Fail("Engine.IO close packet from the server", ref Stats.UnexpectedCloses);
                return false;
            case (byte)'4':
                break;
            default:
                return Protocol("unknown Engine.IO packet " + Show(span));
        }

        if (span.Length < 2)
        {
            return Protocol("empty Socket.IO packet");
        }

        switch (span[1])
        {
            case (byte)'3':
                return OnAck(span[2..]);
            case (byte)'2':
                return OnEvent(span[2..]);
            case (byte)'1':
                Fail("DISCONNECT from the server", ref Stats.UnexpectedCloses);
                return false;
            default:
                return Protocol("unexpected Socket.IO packet " + Show(span));
        }
    }

    /// <summary><c>&lt;id&gt;[value]</c>.</summary>
    private bool OnAck(ReadOnlySpan<byte> body)
    {
        var now = Stopwatch.GetTimestamp();
        if (!Utf8Parser.TryParse(body, out long ackId, out var idLength)
            || body.Length < idLength + 3 || body[idLength] != (byte)'[' || body[^1] != (byte)']'
            || !Utf8Parser.TryParse(body[(idLength + 1)..^1], out long value, out var valueLength)
            || valueLength != body.Length - idLength - 2)
        {
            return Protocol("unparsable ack " + Show(body));
        }

        lock (_lock)
        {
            var index = _outstanding.FindIndex(p => p.AckId == ackId);
            if (index < 0)
            {
                Interlocked.Increment(ref Stats.AckUnknown);
                Stats.Sample("ack unknown", $"ack {ackId} not outstanding: duplicate or unknown (sid {Sid})");
                return true;
            }

            if (index > 0)
            {
                Interlocked.Increment(ref Stats.AckOutOfOrder);
                Stats.Sample("ack order", $"ack {ackId} arrived before ack {_outstanding[0].AckId} (sid {Sid})");
            }

            var pending = _outstanding[index];
            _outstanding.RemoveAt(index);
            Interlocked.Increment(ref Stats.Acked);
            Stats.AckLatency.Record(now - pending.SentTicks);
            var op = pending.Op;
            if (value != pending.Expected)
            {
                if (op.Kind is OpKind.Join or OpKind.Leave)
                {
                    Interlocked.Increment(ref Stats.RoomCountMismatch);
                    Stats.Sample("room count", $"{op.Kind} {op.Room}: server says {value} rooms, expected {pending.Expected} (sid {Sid})");
                }
                else
                {
                    Interlocked.Increment(ref Stats.AckWrongValue);
                    Stats.Sample("ack value", $"{op.Kind} ack {ackId}: value {value}, expected {pending.Expected} (sid {Sid})");
                }
            }

            switch (op.Kind)
            {
                case OpKind.Say:
                    if (_ownLast.GetValueOrDefault(op.Room!) != op.Seq)
                    {
                        Interlocked.Increment(ref Stats.OwnSaidMissing);
                        Stats.Sample("own said", $"say {op.Room} #{op.Seq} acked, own copy not received before (last own {_ownLast.GetValueOrDefault(op.Room!)}) (sid {Sid})");
                    }

                    if (op.Room == HomeRoom)
                    {
                        HomeSayAcked = op.Seq;
                    }

                    break;
                case OpKind.Join:
                {
                    var state = RoomOf(op.Room!);
                    state.Pending--;
                    state.AckedMember = true;
                    if (state.IsHome && HomeJoinedTicks == 0)
                    {
                        HomeJoinedTicks = now;
                    }

                    break;
                }

                case OpKind.Leave:
                {
                    var state = RoomOf(op.Room!);
                    state.Pending--;
                    state.AckedMember = false;

                    // Membership was interrupted: a later join starts the room's streams afresh.
                    foreach (var key in _streams.Keys.Where(key => key.Room == op.Room).ToList())
                    {
                        _streams.Remove(key);
                    }

                    break;
                }
            }

            if (_outstanding.Count == 0 && !_batchSending)
            {
                _drained.TrySetResult();
            }
        }

        return true;
    }

    /// <summary><c>["said","room","sender",seq]</c>.</summary>
    private bool OnEvent(ReadOnlySpan<byte> body)
    {
        string room, sender;
        long seq;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray
                || !reader.Read() || !reader.ValueTextEquals("said"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return Protocol("unexpected event " + Show(body));
            }

            room = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return Protocol("said without sender " + Show(body));
            }

            sender = reader.GetString()!;
            if (!reader.Read() || !reader.TryGetInt64(out seq) || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                return Protocol("said without seq " + Show(body));
            }
        }
        catch (JsonException)
        {
            return Protocol("unparsable event " + Show(body));
        }

        Interlocked.Increment(ref Stats.SaidReceived);
        lock (_lock)
        {
            if (!_rooms.TryGetValue(room, out var state) || (state.Pending == 0 && !state.AckedMember))
            {
                Interlocked.Increment(ref Stats.SaidUnexpected);
                Stats.Sample("said unexpected", $"said for {room} from {sender} #{seq}, but not a member (sid {Sid})");
                return true;
            }

            if (sender == Sid)
            {
                ref var last = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_ownLast, room, out _);
                Advance(ref last, seq, room, sender);
                return true;
            }

            ref var stream = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_streams, (room, sender), out var exists);
            if (!exists)
            {
                stream = new SenderStream(seq, seq);
                return true;
            }

            var lastSeen = stream.Last;
            Advance(ref lastSeen, seq, room, sender);
            stream = stream with { Last = lastSeen };
        }

        return true;
    }

    /// <summary>Moves a stream's last seq to <paramref name="seq"/>, counting a gap, a duplicate or a step back.</summary>
    private void Advance(ref long last, long seq, string room, string sender)
    {
        if (seq == last + 1)
        {
            last = seq;
        }
        else if (seq <= last)
        {
            Interlocked.Increment(ref Stats.SaidDuplicate);
            Stats.Sample("said duplicate", $"said {room} from {sender}: #{seq} after #{last} (duplicate or out of order) (sid {Sid})");
        }
        else
        {
            Interlocked.Add(ref Stats.SaidGap, seq - last - 1);
            Stats.Sample("said gap", $"said {room} from {sender}: #{seq} after #{last} (gap) (sid {Sid})");
            last = seq;
        }
    }

    /// <summary>
    /// The connection failed (unless it is being closed on purpose): counted once in
    /// <paramref name="counter"/>, and every outstanding ack is counted missing.
    /// </summary>
    private void Fail(string detail, ref long counter)
    {
        if (_closing || Interlocked.CompareExchange(ref _failure, detail, null) is not null)
        {
            return;
        }

        Interlocked.Increment(ref counter);
        int outstanding;
        lock (_lock)
        {
            outstanding = _outstanding.Count;
            _outstanding.Clear();
            _drained.TrySetResult();
        }

        Interlocked.Add(ref Stats.AckMissing, outstanding);
        Stats.Sample("failure", $"{detail} (sid {Sid}, {outstanding} ack(s) outstanding)");
    }

    private bool Protocol(string detail)
    {
        Interlocked.Increment(ref Stats.ProtocolErrors);
        Stats.Sample("protocol", $"{detail} (sid {Sid})");
        return true;
    }

    private static string Show(ReadOnlySpan<byte> bytes, int? length = null)
    {
        var shown = bytes[..Math.Min(length ?? bytes.Length, 120)];
        return "'" + Encoding.UTF8.GetString(shown) + "'";
    }

    private enum OpKind
    {
        Echo,
        Say,
        Join,
        Leave,
    }

    private readonly record struct Op(OpKind Kind, string? Room, long Seq)
    {
        public static Op Echo(long seq) => new(OpKind.Echo, null, seq);

        public static Op Say(string room, long seq) => new(OpKind.Say, room, seq);

        public static Op Join(string room) => new(OpKind.Join, room, 0);

        public static Op Leave(string room) => new(OpKind.Leave, room, 0);
    }

    private readonly record struct Pending(long AckId, Op Op, long Expected, long SentTicks);

    private readonly record struct SenderStream(long First, long Last);

    private sealed class RoomState
    {
        public bool IsHome;
        public int Pending;          // joins/leaves sent, not yet acknowledged
        public bool AckedMember;     // membership after the last acknowledged join/leave
        public bool ExpectedMember;  // membership once every pending join/leave is done
    }
}
