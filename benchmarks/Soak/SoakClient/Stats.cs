using System.Collections.Concurrent;
using System.Globalization;

namespace TypedSocketIO.Benchmarks.Soak;

/// <summary>Process-wide counters of the soak, updated with Interlocked from every connection.</summary>
internal static class Stats
{
    // Traffic.
    public static long Connected;          // open right now
    public static long Connects;           // successful connects (first ones and reconnects)
    public static long Reconnects;         // intentional close followed by a new connection
    public static long GracefulCloses;
    public static long AbruptCloses;
    public static long Sent;               // events emitted with an ack id
    public static long Acked;
    public static long Echoes;
    public static long Says;
    public static long Joins;
    public static long Leaves;
    public static long SaidReceived;       // said events received (own copies included)
    public static long PingsAnswered;

    // Errors: things that went wrong without being a wrong answer.
    public static long ConnectFailures;
    public static long UnexpectedCloses;   // the server (or the network) closed a connection we did not close
    public static long SendFailures;
    public static long ProtocolErrors;     // a frame the client did not expect or could not parse
    public static long SlotsGivenUp;       // a slot that could not connect after its retries
    public static long StuckAtStop;        // a slot that did not finish its last batch in time
    public static long AckTimeouts;        // connections dropped because acks did not come back in time

    // Verification: each must stay 0.
    public static long AckMissing;         // sent, never acked (timeout, or the connection dropped)
    public static long AckUnknown;         // an ack for an id not outstanding: duplicate or invented
    public static long AckOutOfOrder;      // an ack that overtook an older outstanding one
    public static long AckWrongValue;      // echo/say answered with another seq
    public static long RoomCountMismatch;  // join/leave answered with another room count than expected
    public static long OwnSaidMissing;     // a say acked before its own broadcast copy arrived
    public static long SaidDuplicate;      // a (room, sender) seq at or below the last one seen
    public static long SaidGap;            // seqs skipped within a (room, sender) stream
    public static long SaidUnexpected;     // a said for a room the connection is not in
    public static long EndMissing;         // home-room says a live member should have received but did not
    public static long EndPhantom;         // a member saw a seq its sender never had acked

    public static readonly LatencyHistogram AckLatency = new();

    private static readonly ConcurrentQueue<string> s_errorSamples = new();
    private static readonly ConcurrentDictionary<string, int> s_samplesPerKind = new(StringComparer.Ordinal);
    private static int s_errorSampleCount;

    public static IEnumerable<string> ErrorSamples => s_errorSamples;

    /// <summary>Keeps the first few descriptions of each kind of problem (at most 5 a kind, 40 in all) for the summary.</summary>
    public static void Sample(string kind, string message)
    {
        if (s_samplesPerKind.AddOrUpdate(kind, 1, static (_, n) => n + 1) <= 5 && Interlocked.Increment(ref s_errorSampleCount) <= 40)
        {
            s_errorSamples.Enqueue($"[{Program.Clock.Elapsed.TotalSeconds:F1}s] {kind}: {message}");
        }
    }

    public static long Errors =>
        Volatile.Read(ref ConnectFailures) + Volatile.Read(ref UnexpectedCloses) + Volatile.Read(ref SendFailures)
        + Volatile.Read(ref ProtocolErrors) + Volatile.Read(ref SlotsGivenUp) + Volatile.Read(ref StuckAtStop)
        + Volatile.Read(ref AckTimeouts);

    public static long VerificationFailures =>
        Volatile.Read(ref AckMissing) + Volatile.Read(ref AckUnknown) + Volatile.Read(ref AckOutOfOrder)
        + Volatile.Read(ref AckWrongValue) + Volatile.Read(ref RoomCountMismatch) + Volatile.Read(ref OwnSaidMissing)
        + Volatile.Read(ref SaidDuplicate) + Volatile.Read(ref SaidGap) + Volatile.Read(ref SaidUnexpected)
        + Volatile.Read(ref EndMissing) + Volatile.Read(ref EndPhantom);

    /// <summary>
    /// Every event sent was either acked or counted missing: this must be 0 once the run is over
    /// (during it, the events in flight make it positive, so it is not part of <see cref="VerificationFailures"/>).
    /// </summary>
    public static long AcksUnaccounted => Volatile.Read(ref Sent) - Volatile.Read(ref Acked) - Volatile.Read(ref AckMissing);
}

/// <summary>A lock-free latency histogram: logarithmic buckets 2 % wide, from 1 µs to over a minute.</summary>
internal sealed class LatencyHistogram
{
    private const double Ratio = 1.02;
    private static readonly double s_logRatio = Math.Log(Ratio);
    private readonly long[] _buckets = new long[1000];
    private long _count;
    private long _maxTicks;
    private long _intervalMaxTicks;

    public long Count => Volatile.Read(ref _count);

    public void Record(long elapsedTicks)
    {
        var micros = Math.Max(1.0, elapsedTicks * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency);
        var index = Math.Min(_buckets.Length - 1, (int)(Math.Log(micros) / s_logRatio));
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        RaiseTo(ref _maxTicks, elapsedTicks);
        RaiseTo(ref _intervalMaxTicks, elapsedTicks);
    }

    /// <summary>The largest value since the previous call, in milliseconds.</summary>
    public double TakeIntervalMaxMs() => Interlocked.Exchange(ref _intervalMaxTicks, 0) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;

    private static void RaiseTo(ref long field, long value)
    {
        var current = Volatile.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1), in milliseconds (the upper edge of its bucket).</summary>
    public double QuantileMs(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Volatile.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return Math.Pow(Ratio, i + 1) / 1000.0;
            }
        }

        return MaxMs;
    }

    public double MaxMs => Volatile.Read(ref _maxTicks) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}

/// <summary>Reads a process's resident memory from /proc.</summary>
internal static class ProcMemory
{
    /// <summary>VmRSS (current) or VmHWM (peak) of <paramref name="pid"/>, in bytes; -1 if unreadable.</summary>
    public static long Read(int pid, string field = "VmRSS")
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return -1;
    }

    /// <summary>User + system CPU time of <paramref name="pid"/> so far, in seconds; -1 if unreadable.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime field 14, stime field 15 (1-based in proc(5)).
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / 100.0; // USER_HZ
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return -1;
        }
    }

    public static string Mb(long bytes) => bytes < 0 ? "n/a" : (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture) + " MB";
}
