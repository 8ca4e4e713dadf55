using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace TypedSocketIO.EngineIO;

/// <summary>What the handshake request showed: a snapshot that stays valid for the whole session.</summary>
public sealed class EngineIOHandshake
{
    internal EngineIOHandshake(HttpContext context)
    {
        var request = context.Request;
        Url = request.Path + request.QueryString;
        Query = new QueryCollection(request.Query.ToDictionary(pair => pair.Key, pair => pair.Value));
        var headers = new HeaderDictionary();
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value;
        }

        Headers = headers;
        RemoteAddress = context.Connection.RemoteIpAddress;
        User = context.User;
        Secure = request.IsHttps;
        IssuedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The request's path and query.</summary>
    public string Url { get; }

    /// <summary>The query string of the handshake.</summary>
    public IQueryCollection Query { get; }

    /// <summary>The request headers of the handshake.</summary>
    public IHeaderDictionary Headers { get; }

    /// <summary>The client's address.</summary>
    public IPAddress? RemoteAddress { get; }

    /// <summary>The user ASP.NET Core authentication established for the handshake request.</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>Whether the handshake came over HTTPS.</summary>
    public bool Secure { get; }

    /// <summary>When the session was opened.</summary>
    public DateTimeOffset IssuedAt { get; }
}
