namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>One moment by which a whole wait must be over, however many steps it takes.</summary>
public readonly struct Deadline
{
    private readonly long _at;

    private Deadline(long at) => _at = at;

    /// <summary>The deadline <paramref name="timeout"/> from now.</summary>
    public static Deadline In(TimeSpan timeout) => new(Environment.TickCount64 + (long)timeout.TotalMilliseconds);

    /// <summary>What is left of it; at least a millisecond, so that a step still fails by timing out rather than by waiting forever.</summary>
    public TimeSpan Remaining => TimeSpan.FromMilliseconds(Math.Max(1, _at - Environment.TickCount64));
}
