using System.Collections.Concurrent;
using System.Diagnostics;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// Records the spans of the <c>TypedSocketIO</c> activity source, every one sampled in, as an
/// OpenTelemetry exporter would receive them. The source is process-wide: tests filter the spans
/// by something of their own (a namespace, a trace id) and run in <see cref="TelemetryListenerCollection"/>.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "TypedSocketIO",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans that have ended, of the namespace <paramref name="ns"/>.</summary>
    public Activity[] Of(string ns) => [.. _stopped.Where(span => span.GetTagItem("socketio.namespace") as string == ns)];

    /// <summary>Waits until <paramref name="count"/> spans of <paramref name="ns"/> have ended, and returns them.</summary>
    public async Task<Activity[]> WaitForAsync(string ns, int count, TimeSpan timeout)
    {
        await Eventually.TrueAsync(() => Of(ns).Length >= count, timeout);
        return Of(ns);
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// Tests that listen to the process-wide <c>TypedSocketIO</c> activity source, or that need it to
/// have no listener at all: they run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryListenerCollection
{
    public const string Name = "Telemetry listeners";
}
