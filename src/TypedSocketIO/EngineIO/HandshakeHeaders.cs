using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// A read-only copy of a request's headers, kept for a session's lifetime. An array rather than
/// a dictionary: a request has a few dozen headers at most, and every session keeps one.
/// </summary>
internal sealed class HandshakeHeaders : IHeaderDictionary
{
    private readonly KeyValuePair<string, StringValues>[] _headers;

    public HandshakeHeaders(IHeaderDictionary source)
    {
        // CopyTo rather than foreach: Kestrel keeps the enumerator boxed by an interface
        // foreach for the rest of the connection.
        _headers = new KeyValuePair<string, StringValues>[source.Count];
        source.CopyTo(_headers, 0);
    }

    public StringValues this[string key]
    {
        get => TryGetValue(key, out var value) ? value : StringValues.Empty;
        set => throw ReadOnly();
    }

    StringValues IDictionary<string, StringValues>.this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);
        set => throw ReadOnly();
    }

    public long? ContentLength
    {
        get => long.TryParse(this["Content-Length"], out var length) ? length : null;
        set => throw ReadOnly();
    }

    public ICollection<string> Keys => Array.ConvertAll(_headers, header => header.Key);

    public ICollection<StringValues> Values => Array.ConvertAll(_headers, header => header.Value);

    public int Count => _headers.Length;

    public bool IsReadOnly => true;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out StringValues value)
    {
        foreach (var header in _headers)
        {
            if (string.Equals(header.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = header.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool Contains(KeyValuePair<string, StringValues> item) =>
        TryGetValue(item.Key, out var value) && StringValues.Equals(value, item.Value);

    public void CopyTo(KeyValuePair<string, StringValues>[] array, int arrayIndex) => _headers.CopyTo(array, arrayIndex);

    public IEnumerator<KeyValuePair<string, StringValues>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, StringValues>>)_headers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(string key, StringValues value) => throw ReadOnly();

    public void Add(KeyValuePair<string, StringValues> item) => throw ReadOnly();

    public bool Remove(string key) => throw ReadOnly();

    public bool Remove(KeyValuePair<string, StringValues> item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("The handshake's headers are a read-only snapshot.");
}
