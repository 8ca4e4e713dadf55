using System.Diagnostics;
using System.Diagnostics.Metrics;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.Diagnostics;

/// <summary>
/// The telemetry of one handled event: its server span (<c>{namespace} {event}</c>, parented on
/// the handshake's trace context) and its <c>socketio.server.handler.duration</c> measurement.
/// A default value when nobody listens: starting it then costs two checks and allocates nothing.
/// </summary>
internal readonly struct HandlerTelemetry
{
    /// <summary>The source of the spans, named <see cref="SocketIOTelemetry.ActivitySourceName"/>.</summary>
    public static readonly ActivitySource Source = new(SocketIOTelemetry.ActivitySourceName, typeof(HandlerTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Histogram<double>? _duration; // null: not timed
    private readonly Activity? _span;
    private readonly Activity? _outer;
    private readonly long _started;
    private readonly string? _namespace;
    private readonly string? _event;

    private HandlerTelemetry(Histogram<double>? duration, Activity? span, Activity? outer, string ns, string eventTag)
    {
        _duration = duration;
        _span = span;
        _outer = outer;
        _namespace = ns;
        _event = eventTag;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Starts the telemetry of <paramref name="incoming"/>, just before its handler starts: the
    /// span becomes <see cref="Activity.Current"/>, so the handler's own outgoing calls are its
    /// children. Call <see cref="LeaveCurrent"/> once the handler has been started.
    /// </summary>
    public static HandlerTelemetry Start(SocketIOMetrics metrics, Socket socket, in IncomingEvent incoming)
    {
        var duration = metrics.HandlerDuration;
        var timed = duration.Enabled;
        var traced = Source.HasListeners();
        if (!timed && !traced)
        {
            return default;
        }

        var names = socket.Namespace.EventNameTags.Of(incoming.NameUtf8.Span);
        var outer = Activity.Current;
        var span = traced ? StartSpan(socket, incoming, names, outer) : null;
        return new HandlerTelemetry(timed ? duration : null, span, outer, socket.Namespace.Name, names.Tag);
    }

    private static Activity? StartSpan(Socket socket, in IncomingEvent incoming, EventNames names, Activity? outer)
    {
        var parent = socket.Client.Connection.Handshake.TraceParent;
        if (parent == default)
        {
            // A trace of its own rather than a child of whichever HTTP request carries the transport now.
            Activity.Current = null;
        }

        var span = Source.StartActivity(names.SpanName, ActivityKind.Server, parent);
        if (span is null)
        {
            Activity.Current = outer; // sampled out
            return null;
        }

        if (span.IsAllDataRequested)
        {
            span.SetTag(TelemetryTags.Namespace, socket.Namespace.Name);
            span.SetTag(TelemetryTags.Event, names.IsOther ? incoming.Name : names.Tag);
            span.SetTag(TelemetryTags.SocketId, socket.Id);
            span.SetTag(TelemetryTags.Transport, TelemetryTags.NameOf(socket.Transport));
        }

        return span;
    }

    /// <summary>
    /// The handler has been started (its continuations keep the span as their current activity):
    /// the caller, the connection's read loop, goes on with the activity it had.
    /// </summary>
    public void LeaveCurrent()
    {
        if (_span is not null)
        {
            Activity.Current = _outer;
        }
    }

    /// <summary>The handler ended normally.</summary>
    public void Succeed()
    {
        _duration?.Record(ElapsedSeconds, new(TelemetryTags.Namespace, _namespace), new(TelemetryTags.Event, _event));
        _span?.Stop();
    }

    /// <summary>The handler threw <paramref name="exception"/> (or its arguments could not be bound).</summary>
    public void Fail(Exception exception)
    {
        if (_duration is null && _span is null)
        {
            return;
        }

        var errorType = exception.GetType().FullName;
        _duration?.Record(ElapsedSeconds, new(TelemetryTags.Namespace, _namespace), new(TelemetryTags.Event, _event), new(TelemetryTags.ErrorType, errorType));
        if (_span is { } span)
        {
            span.SetStatus(ActivityStatusCode.Error, exception.Message);
            if (span.IsAllDataRequested)
            {
                span.SetTag(TelemetryTags.ErrorType, errorType);
                span.AddException(exception);
            }

            span.Stop();
        }
    }

    private double ElapsedSeconds => Stopwatch.GetElapsedTime(_started).TotalSeconds;
}
