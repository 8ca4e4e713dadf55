using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using TypedSocketIO.Diagnostics;

namespace TypedSocketIO.EngineIO;

/// <summary>What the handshake request showed: a snapshot that stays valid for the whole session.</summary>
public sealed class EngineIOHandshake
{
    private readonly PathString _path;
    private readonly QueryString _queryString;
    private string? _url;
    private object? _query; // the app's IQueryCollection or null, then, once asked for, the HandshakeDictionary
    private ClaimsPrincipal? _user;

    internal EngineIOHandshake(HttpContext context)
    {
        var request = context.Request;
        _path = request.Path;
        _queryString = request.QueryString;
        // A query the app has parsed already is an immutable collection of its own (a later
        // request gets a new one), so it is kept; otherwise it is parsed when first asked for.
        // The headers object is reused by the connection's next request, so it is copied.
        _query = context.Features.Get<IQueryFeature>()?.Query;
        Headers = HandshakeSnapshots.OfHeaders(request.Headers);
        TraceParent = HandshakeTraceContext.Parse(request.Headers.TraceParent, request.Headers.TraceState);
        // Through the feature: HttpContext.Connection would make (and keep) a wrapper object.
        RemoteAddress = context.Features.Get<IHttpConnectionFeature>()?.RemoteIpAddress;
        // Read through the feature: HttpContext.User would make (and keep) an empty principal
        // for every unauthenticated session.
        _user = context.Features.Get<IHttpAuthenticationFeature>()?.User;
        AuthenticationFailure = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure?.Message;
        Secure = request.IsHttps;
        IssuedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The request's path and query.</summary>
    public string Url => _url ??= _path + _queryString;

    /// <summary>The query parameters of the handshake, names compared ignoring case.</summary>
    public HandshakeDictionary Query
    {
        get
        {
            var current = Volatile.Read(ref _query);
            if (current is HandshakeDictionary query)
            {
                return query;
            }

            var parsed = (IQueryCollection?)current ?? new QueryCollection(QueryHelpers.ParseQuery(_queryString.Value));
            var snapshot = HandshakeSnapshots.OfQuery(parsed);
            // Only one change ever happens, to a snapshot: if another thread made it first, take that one.
            return Interlocked.CompareExchange(ref _query, snapshot, current) == current ? snapshot : (HandshakeDictionary)_query!;
        }
    }

    /// <summary>The request headers of the handshake, names compared ignoring case.</summary>
    public HandshakeDictionary Headers { get; }

    /// <summary>The client's address.</summary>
    public IPAddress? RemoteAddress { get; }

    /// <summary>The user ASP.NET Core authentication established for the handshake request.</summary>
    public ClaimsPrincipal User
    {
        get
        {
            if (_user is null)
            {
                Interlocked.CompareExchange(ref _user, new ClaimsPrincipal(new ClaimsIdentity()), null);
            }

            return _user;
        }
    }

    /// <summary>The message of the handshake's failed authentication (an expired or forged token), if the app recorded one.</summary>
    internal string? AuthenticationFailure { get; }

    /// <summary>Whether the handshake came over HTTPS.</summary>
    public bool Secure { get; }

    /// <summary>When the session was opened.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>The W3C trace context of the handshake request: the remote parent of the session's event spans (default when none).</summary>
    internal ActivityContext TraceParent { get; }
}
