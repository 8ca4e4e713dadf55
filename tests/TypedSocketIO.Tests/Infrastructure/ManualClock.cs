namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when a test says so, for the server's rate limits: its timers fire
/// (on the caller's thread) when <see cref="Advance"/> passes their due time.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(GetTimestamp());

    /// <summary>Moves the clock on, firing every timer that falls due (in due order).</summary>
    public void Advance(TimeSpan by)
    {
        long until;
        lock (_lock)
        {
            until = _now + by.Ticks;
        }

        while (NextDue(until) is { } timer)
        {
            timer.Fire();
        }

        lock (_lock)
        {
            _now = until;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private ManualTimer? NextDue(long until)
    {
        lock (_lock)
        {
            var next = _timers.Where(t => t.Due <= until).MinBy(t => t.Due);
            if (next is not null)
            {
                _now = Math.Max(_now, next.Due);
                next.Rearm();
            }

            return next;
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private long _period;

        public long Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    Due = clock._now + dueTime.Ticks;
                    _period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        /// <summary>Called under the clock's lock as the timer fires: periodic timers come due again, one-shot ones are done.</summary>
        public void Rearm()
        {
            clock._timers.Remove(this);
            if (_period > 0)
            {
                Due += _period;
                clock._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose() => Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
