using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// Records the measurements of the <c>TypedSocketIO</c> meter that one app's
/// <see cref="IMeterFactory"/> made, as an OpenTelemetry exporter would see them: other servers
/// in the test process have meters of their own, so their traffic is not recorded here.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly ConcurrentDictionary<string, Instrument> _instruments = new(StringComparer.Ordinal);

    public MetricRecorder(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "TypedSocketIO" && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                _instruments[instrument.Name] = instrument;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>One measurement: its instrument, value and tags (values as text).</summary>
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public override string ToString() => $"{Instrument} {Value} {{{string.Join(", ", Tags.Select(tag => $"{tag.Key}={tag.Value}"))}}}";
    }

    /// <summary>The instrument of that name, once the meter has published it.</summary>
    public Instrument? InstrumentNamed(string name) => _instruments.GetValueOrDefault(name);

    /// <summary>The measurements of <paramref name="instrument"/> that carry every one of <paramref name="tags"/>.</summary>
    public Measurement[] Of(string instrument, params (string Key, string Value)[] tags) =>
        [.. _measurements.Where(m => m.Instrument == instrument && tags.All(tag => m.Tags.GetValueOrDefault(tag.Key) == tag.Value))];

    /// <summary>The sum of those measurements (a counter's total, an up-down counter's value).</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) => Of(instrument, tags).Sum(m => m.Value);

    /// <summary>Every measurement so far, for failure messages.</summary>
    public string Dump() => string.Join("\n", _measurements);

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value?.ToString();
        }

        _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
    }

    public void Dispose() => _listener.Dispose();
}
