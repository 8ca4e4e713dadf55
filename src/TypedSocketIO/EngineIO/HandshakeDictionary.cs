using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// A read-only snapshot of the handshake request's query parameters or headers, kept for the
/// session's lifetime: names compared ignoring case, each name with all its values. An absent
/// name reads as <see cref="HandshakeValues.Empty"/> through the indexer.
/// </summary>
/// <remarks>
/// An array rather than a hash table: a request has a few dozen headers at most, every session
/// keeps one, and a lookup compares names in place.
/// </remarks>
public sealed class HandshakeDictionary : IReadOnlyDictionary<string, HandshakeValues>
{
    private readonly KeyValuePair<string, HandshakeValues>[] _entries;

    /// <param name="entries">The entries, their names distinct ignoring case; the dictionary keeps the array.</param>
    internal HandshakeDictionary(KeyValuePair<string, HandshakeValues>[] entries)
    {
        _entries = entries;
    }

    /// <summary>No entries.</summary>
    public static HandshakeDictionary Empty { get; } = new([]);

    /// <summary>The values of <paramref name="name"/>, none when it is absent.</summary>
    public HandshakeValues this[string name] => TryGetValue(name, out var values) ? values : HandshakeValues.Empty;

    HandshakeValues IReadOnlyDictionary<string, HandshakeValues>.this[string key] =>
        TryGetValue(key, out var values) ? values : throw new KeyNotFoundException($"The handshake has no \"{key}\".");

    /// <summary>How many distinct names there are.</summary>
    public int Count => _entries.Length;

    /// <summary>The names, as the request spelled them.</summary>
    public IEnumerable<string> Keys => _entries.Select(entry => entry.Key);

    /// <summary>The values of each name, in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<HandshakeValues> Values => _entries.Select(entry => entry.Value);

    /// <summary>Whether <paramref name="name"/> is present (ignoring case).</summary>
    public bool ContainsKey(string name) => TryGetValue(name, out _);

    /// <summary>Finds the values of <paramref name="name"/> (ignoring case).</summary>
    public bool TryGetValue(string name, [MaybeNullWhen(false)] out HandshakeValues values)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                values = entry.Value;
                return true;
            }
        }

        values = default;
        return false;
    }

    /// <summary>The entries, in the order of the request.</summary>
    public IEnumerator<KeyValuePair<string, HandshakeValues>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, HandshakeValues>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
