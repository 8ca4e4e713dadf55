using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace TypedSocketIO.EngineIO;

/// <summary>Copies ASP.NET Core's query and headers into the handshake's own read-only views.</summary>
internal static class HandshakeSnapshots
{
    /// <summary>Copies the headers, whose object the connection's next request reuses.</summary>
    public static HandshakeDictionary OfHeaders(IHeaderDictionary headers)
    {
        // CopyTo rather than foreach: Kestrel keeps the enumerator boxed by an interface foreach
        // for the rest of the connection.
        var count = headers.Count;
        var copied = ArrayPool<KeyValuePair<string, StringValues>>.Shared.Rent(count);
        try
        {
            headers.CopyTo(copied, 0);
            var entries = new KeyValuePair<string, HandshakeValues>[count];
            for (var i = 0; i < count; i++)
            {
                entries[i] = new(copied[i].Key, ValuesOf(copied[i].Value));
            }

            return count == 0 ? HandshakeDictionary.Empty : new HandshakeDictionary(entries);
        }
        finally
        {
            ArrayPool<KeyValuePair<string, StringValues>>.Shared.Return(copied, clearArray: true);
        }
    }

    /// <summary>Copies a parsed query; its names are distinct ignoring case, as the headers' are.</summary>
    public static HandshakeDictionary OfQuery(IQueryCollection query)
    {
        if (query.Count == 0)
        {
            return HandshakeDictionary.Empty;
        }

        var entries = new KeyValuePair<string, HandshakeValues>[query.Count];
        var i = 0;
        foreach (var (name, values) in query)
        {
            entries[i++] = new(name, ValuesOf(values));
        }

        return new HandshakeDictionary(entries);
    }

    // One value stays the string it is; several are copied out of the StringValues.
    private static HandshakeValues ValuesOf(StringValues values) => values.Count switch
    {
        0 => HandshakeValues.Empty,
        1 => new HandshakeValues(values[0] ?? ""),
        _ => new HandshakeValues(Array.ConvertAll(values.ToArray(), value => value ?? "")),
    };
}
