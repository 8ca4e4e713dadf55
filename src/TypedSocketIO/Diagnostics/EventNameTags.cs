using System.Collections.Concurrent;
using System.Text;

namespace TypedSocketIO.Diagnostics;

/// <summary>
/// The event names of one namespace as telemetry tags them. Clients choose event names, so the
/// first <see cref="Bound"/> distinct ones get their own tag and span name, and later ones share
/// <see cref="TelemetryTags.OtherEvent"/>: a client inventing names cannot grow an exporter's
/// series without limit. A known name is looked up without allocating.
/// </summary>
internal sealed class EventNameTags
{
    /// <summary>How many distinct event names of a namespace are tagged by name.</summary>
    public const int Bound = 100;

    private const int LongestStackName = 256;

    private readonly string _namespace;
    private readonly ConcurrentDictionary<string, EventNames> _names = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EventNames>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly EventNames _other;
    private int _count; // kept alongside: ConcurrentDictionary.Count takes every lock

    public EventNameTags(string ns)
    {
        _namespace = ns;
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _other = new EventNames(TelemetryTags.OtherEvent, $"{ns} {TelemetryTags.OtherEvent}", IsOther: true);
    }

    /// <summary>The tag and span name of the event <paramref name="nameUtf8"/>.</summary>
    public EventNames Of(ReadOnlySpan<byte> nameUtf8)
    {
        if (nameUtf8.Length > LongestStackName)
        {
            return Of(Encoding.UTF8.GetString(nameUtf8));
        }

        Span<char> chars = stackalloc char[nameUtf8.Length];
        chars = chars[..Encoding.UTF8.GetChars(nameUtf8, chars)];
        return _lookup.TryGetValue(chars, out var names) ? names : Add(new string(chars));
    }

    private EventNames Of(string name) => _names.TryGetValue(name, out var names) ? names : Add(name);

    private EventNames Add(string name)
    {
        if (Interlocked.Increment(ref _count) > Bound)
        {
            Interlocked.Decrement(ref _count);
            return _other;
        }

        var names = new EventNames(name, $"{_namespace} {name}", IsOther: false);
        if (!_names.TryAdd(name, names))
        {
            Interlocked.Decrement(ref _count); // another thread added it first
            return _names[name];
        }

        return names;
    }
}

/// <summary>How telemetry names one event.</summary>
/// <param name="Tag">The <c>socketio.event</c> tag.</param>
/// <param name="SpanName">The span's name, <c>{namespace} {event}</c>.</param>
/// <param name="IsOther">The event is past the namespace's bound and tagged <see cref="TelemetryTags.OtherEvent"/>.</param>
internal sealed record EventNames(string Tag, string SpanName, bool IsOther);
