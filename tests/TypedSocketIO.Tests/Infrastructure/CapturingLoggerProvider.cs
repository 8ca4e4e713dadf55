using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>One message a server logged.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>Keeps every message the server logs, at every level, for tests that count them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();

    public IReadOnlyCollection<CapturedLog> Logs => _logs;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _logs);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception)));
    }
}
