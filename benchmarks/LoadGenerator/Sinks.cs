using System.Buffers.Text;
using System.Diagnostics;

namespace TypedSocketIO.Benchmarks.Load;

/// <summary>What every connection of a run shares: the phase (warm-up, measuring, stopping).</summary>
internal sealed class RunState
{
    public const int WarmingUp = 0;
    public const int Measuring = 1;
    public const int Stopping = 2;

    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    private volatile int _phase;

    public int Phase
    {
        get => _phase;
        set => _phase = value;
    }

    public static long ElapsedNanos(long fromTimestamp, long toTimestamp) => (long)((toTimestamp - fromTimestamp) * NanosPerTick);
}

/// <summary>Answers pings and nothing else: an idle connection.</summary>
internal sealed class IdleSink : IPacketSink
{
    public static readonly IdleSink Instance = new();

    public void OnPacket(WsClient client, ReadOnlySpan<byte> packet)
    {
    }
}

/// <summary>
/// One echo connection kept at a fixed number of requests in flight: every ack is timed,
/// checked against the payload sent, and replaced by a new request in the same write.
/// </summary>
internal sealed class EchoSink(WsClient client, RunState run, byte[] quotedPayload) : IPacketSink
{
    private const int Ring = 256;
    private readonly long[] _sentAt = new long[Ring];
    private long _nextId;

    public Histogram Latency { get; } = new();

    public long Completed { get; private set; }

    public long Errors { get; private set; }

    public WsClient Client => client;

    /// <summary>Queues <paramref name="inflight"/> requests (sent by the read loop's first flush).</summary>
    public void Start(int inflight)
    {
        for (var i = 0; i < Math.Min(inflight, Ring); i++)
        {
            AppendRequest();
        }
    }

    private void AppendRequest()
    {
        Span<byte> frame = stackalloc byte[EchoRequest.MaxLength(quotedPayload.Length)];
        var id = _nextId++;
        var length = EchoRequest.Write(frame, id, quotedPayload);
        _sentAt[id & (Ring - 1)] = Stopwatch.GetTimestamp();
        client.AppendMessage(frame[..length]);
    }

    public void OnPacket(WsClient client, ReadOnlySpan<byte> packet)
    {
        // 3<id>[<payload>]
        if (packet.Length < 2 || packet[0] != (byte)'3')
        {
            if (packet.Length == 0 || packet[0] != (byte)'0')
            {
                Errors++;
            }

            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (!Utf8Parser.TryParse(packet[1..], out long id, out var digits))
        {
            Errors++;
            return;
        }

        var args = packet[(1 + digits)..];
        if (args.Length != quotedPayload.Length + 2 || args[0] != (byte)'[' || !args[1..^1].SequenceEqual(quotedPayload))
        {
            Errors++;
        }

        if (run.Phase == RunState.Measuring)
        {
            Latency.Record(RunState.ElapsedNanos(_sentAt[id & (Ring - 1)], now));
            Completed++;
        }

        if (run.Phase != RunState.Stopping)
        {
            AppendRequest();
        }
    }
}

/// <summary>What the broadcast sender and its receivers share: which broadcasts every receiver has.</summary>
internal sealed class BroadcastState(int receivers)
{
    public const int Ring = 4096;

    public readonly int[] Delivered = new int[Ring];
    public readonly SemaphoreSlim Completed = new(0, int.MaxValue);
    public long FullyDelivered;

    public int Receivers => receivers;
}

/// <summary>
/// A broadcast receiver: times each <c>msg</c> from the sender's timestamp in the payload
/// (<c>seq:timestamp:padding</c>), and tells the sender when a broadcast has reached everyone.
/// </summary>
internal sealed class ReceiverSink(RunState run, BroadcastState state) : IPacketSink
{
    public Histogram Latency { get; } = new();

    public long Deliveries { get; private set; }

    public long Errors { get; private set; }

    public void OnPacket(WsClient client, ReadOnlySpan<byte> packet)
    {
        // 2["msg","<seq:D10>:<timestamp:D19>:..."]
        const int prefix = 9;
        if (packet.Length < prefix + 31 || !packet.StartsWith("2[\"msg\",\""u8))
        {
            if (packet.Length == 0 || packet[0] != (byte)'0')
            {
                Errors++;
            }

            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (!Utf8Parser.TryParse(packet.Slice(prefix, 10), out long seq, out _)
            || !Utf8Parser.TryParse(packet.Slice(prefix + 11, 19), out long sentAt, out _))
        {
            Errors++;
            return;
        }

        if (run.Phase == RunState.Measuring)
        {
            Latency.Record(RunState.ElapsedNanos(sentAt, now));
            Deliveries++;
        }

        if (Interlocked.Increment(ref state.Delivered[seq & (BroadcastState.Ring - 1)]) == state.Receivers)
        {
            Interlocked.Increment(ref state.FullyDelivered);
            state.Completed.Release();
        }
    }
}

/// <summary>The broadcast sender's incoming side: acks are counted; a <c>msg</c> means the server sent the sender its own broadcast.</summary>
internal sealed class SenderSink : IPacketSink
{
    public long Acks;

    public long OwnBroadcastsReceived { get; private set; }

    public void OnPacket(WsClient client, ReadOnlySpan<byte> packet)
    {
        if (packet.Length > 0 && packet[0] == (byte)'3')
        {
            Interlocked.Increment(ref Acks);
        }
        else if (packet.StartsWith("2[\"msg\""u8))
        {
            OwnBroadcastsReceived++;
        }
    }
}
