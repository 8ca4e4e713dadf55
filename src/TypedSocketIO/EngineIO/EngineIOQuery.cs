using Microsoft.AspNetCore.Http;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// The query parameters Engine.IO routes by (<c>EIO</c>, <c>transport</c>, <c>sid</c>), read
/// straight from the raw query string. Parsing it into ASP.NET Core's query collection would
/// leave that collection, its dictionary and its strings on every WebSocket request for the
/// whole session; the handshake's <see cref="EngineIOHandshake.Query"/> parses it only if asked.
/// </summary>
internal readonly ref struct EngineIOQuery
{
    private readonly HttpRequest _request;
    private readonly ReadOnlySpan<char> _raw;
    private readonly bool _plain;

    public EngineIOQuery(HttpRequest request)
    {
        _request = request;
        _raw = request.QueryString.Value;
        if (_raw.StartsWith('?'))
        {
            _raw = _raw[1..];
        }

        // Escaped text (rare: clients send these parameters as they are) goes the general way.
        _plain = !_raw.ContainsAny('%', '+');
    }

    /// <summary>Whether <paramref name="name"/> appears once, with exactly <paramref name="expected"/> as its value.</summary>
    public bool Is(string name, string expected) => _plain && Find(name, out var value) != Occurrences.Many
        ? value.SequenceEqual(expected)
        : _request.Query[name] == expected;

    /// <summary>The transport asked for, or <see cref="EngineIOTransports.None"/>.</summary>
    public EngineIOTransports Transport
    {
        get
        {
            var value = _plain && Find("transport", out var raw) != Occurrences.Many ? raw : _request.Query["transport"].ToString();
            return value switch
            {
                "polling" => EngineIOTransports.Polling,
                "websocket" => EngineIOTransports.WebSocket,
                _ => EngineIOTransports.None,
            };
        }
    }

    /// <summary>The session id, or an empty string on a handshake.</summary>
    public string Sid
    {
        get
        {
            if (_plain && Find("sid", out var value) != Occurrences.Many)
            {
                return value.ToString();
            }

            return _request.Query["sid"].ToString();
        }
    }

    /// <summary>
    /// Finds the value of <paramref name="name"/> (empty when absent). A parameter given more
    /// than once is left to ASP.NET Core's collection, which joins the values (into a value no
    /// parameter accepts), so both ways agree.
    /// </summary>
    private Occurrences Find(string name, out ReadOnlySpan<char> value)
    {
        value = default;
        var found = Occurrences.None;
        foreach (var range in _raw.Split('&'))
        {
            var pair = _raw[range];
            var equals = pair.IndexOf('=');
            var key = equals < 0 ? pair : pair[..equals];
            if (!key.SequenceEqual(name))
            {
                continue;
            }

            if (found == Occurrences.One)
            {
                value = default;
                return Occurrences.Many;
            }

            found = Occurrences.One;
            value = equals < 0 ? [] : pair[(equals + 1)..];
        }

        return found;
    }

    private enum Occurrences
    {
        None,
        One,
        Many,
    }
}
