using Microsoft.Extensions.Logging;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// Lets through at most <see cref="PerInterval"/> messages of one kind per <see cref="Interval"/>;
/// the rest are only counted, and when the interval ends one line says how many were left out.
/// Letting a message through costs one interlocked increment; a timer is armed only in an
/// interval that leaves messages out.
/// </summary>
internal sealed class LogRateLimiter(ILogger logger, TimeProvider time)
{
    public const int PerInterval = 10;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private long _intervalStart = time.GetTimestamp();
    private int _count;
    private LogLevel _level;
    private EventId _eventId;
    private ITimer? _report; // set while an interval that left messages out waits for its end

    /// <summary>Whether a message of this kind may be written now; false counts it as left out.</summary>
    public bool TryAcquire(LogLevel level, EventId eventId)
    {
        var start = Volatile.Read(ref _intervalStart);
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(start, now) >= Interval && Volatile.Read(ref _report) is null
            && Interlocked.CompareExchange(ref _intervalStart, now, start) == start)
        {
            Interlocked.Exchange(ref _count, 0); // an interval that left nothing out ends quietly
        }

        var count = Interlocked.Increment(ref _count);
        if (count <= PerInterval)
        {
            return true;
        }

        if (count == PerInterval + 1)
        {
            // The first message left out in this interval: report at its end (this thread alone gets here).
            _level = level;
            _eventId = eventId;
            var report = time.CreateTimer(static state => ((LogRateLimiter)state!).Report(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Volatile.Write(ref _report, report); // before it can fire: Report lets it go
            var due = Interval - time.GetElapsedTime(start, now);
            report.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return false;
    }

    /// <summary>Ends the interval: writes how many messages were left out and starts the next one.</summary>
    private void Report()
    {
        // In this order: the count was past the allowance until it is reset, so no caller arms
        // the next interval's timer before this one is let go.
        Volatile.Write(ref _intervalStart, time.GetTimestamp());
        var timer = Interlocked.Exchange(ref _report, null);
        var seen = Interlocked.Exchange(ref _count, 0);
        timer?.Dispose();
        if (seen > PerInterval)
        {
            logger.MessagesSuppressed(_level, seen - PerInterval, _eventId.Name ?? "similar", _eventId.Id, (int)Interval.TotalSeconds);
        }
    }
}
