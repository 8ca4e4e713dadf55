using System.Net;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO;

/// <summary>What a socket showed when it connected: the auth object of its CONNECT packet and its connection's handshake request.</summary>
public sealed class SocketHandshake
{
    private readonly EngineIOHandshake _engine;

    internal SocketHandshake(EngineIOHandshake engine, JsonElement auth)
    {
        _engine = engine;
        Auth = auth;
    }

    /// <summary>The auth object the client sent with CONNECT (an empty object when it sent none).</summary>
    public JsonElement Auth { get; }

    /// <summary>The query parameters of the handshake request: read-only, names compared ignoring case, every value of a repeated name kept.</summary>
    public HandshakeDictionary Query => _engine.Query;

    /// <summary>The headers of the handshake request: read-only, names compared ignoring case, every value of a repeated header kept.</summary>
    public HandshakeDictionary Headers => _engine.Headers;

    /// <summary>The client's address.</summary>
    public IPAddress? RemoteAddress => _engine.RemoteAddress;

    /// <summary>The user authenticated by ASP.NET Core on the handshake request.</summary>
    public ClaimsPrincipal User => _engine.User;

    /// <summary>Why authentication failed on the handshake request (an expired token, say), if it did.</summary>
    internal string? AuthenticationFailure => _engine.AuthenticationFailure;

    /// <summary>Whether the handshake came over HTTPS.</summary>
    public bool Secure => _engine.Secure;

    /// <summary>When the connection was opened.</summary>
    public DateTimeOffset IssuedAt => _engine.IssuedAt;

    /// <summary>The handshake request's path and query.</summary>
    public string Url => _engine.Url;

    /// <summary>Reads the auth object as <typeparamref name="T"/>.</summary>
    public T? GetAuth<T>(JsonTypeInfo<T> typeInfo) => Auth.Deserialize(typeInfo);
}
