using Microsoft.Extensions.Logging;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// The server's logger: messages a client's input can cause (refused requests, protocol
/// violations, bad arguments, handler failures...) go through a <see cref="LogRateLimiter"/> per
/// event id, so that a hostile client cannot flood the log; every other message goes straight through.
/// </summary>
internal sealed class RateLimitedLogger : ILogger
{
    private readonly ILogger _inner;
    private readonly Dictionary<int, LogRateLimiter> _limiters;

    public RateLimitedLogger(ILogger inner, IEnumerable<int> clientCausedEventIds, TimeProvider time)
    {
        _inner = inner;
        _limiters = clientCausedEventIds.ToDictionary(id => id, _ => new LogRateLimiter(inner, time));
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (_limiters.TryGetValue(eventId.Id, out var limiter) && !limiter.TryAcquire(logLevel, eventId))
        {
            return;
        }

        _inner.Log(logLevel, eventId, state, exception, formatter);
    }
}
