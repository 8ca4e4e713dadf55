namespace TypedSocketIO.EngineIO;

/// <summary>
/// Which origins may reach the server from a browser, and whether with credentials. The server's
/// own origin is always allowed: the request's <c>Request.Scheme</c> and <c>Request.Host</c>, which
/// behind a proxy are the public ones once <c>UseForwardedHeaders()</c> has run before the endpoint.
/// </summary>
public sealed class EngineIOCorsOptions
{
    /// <summary>Origins allowed besides the server's own, compared exactly (<c>https://example.com</c>). Default none.</summary>
    public IList<string> AllowedOrigins { get; set; } = [];

    /// <summary>Allow every origin (any site may open a socket to this server). Default false.</summary>
    public bool AllowAnyOrigin { get; set; }

    /// <summary>Send <c>Access-Control-Allow-Credentials: true</c>.</summary>
    public bool AllowCredentials { get; set; }

    /// <summary>Extra request headers browsers may send.</summary>
    public IList<string> AllowedHeaders { get; set; } = [];

    /// <summary>Throws for a policy browsers would reject or that would leak credentials to any site.</summary>
    internal void Validate()
    {
        if (AllowAnyOrigin && AllowCredentials)
        {
            throw new InvalidOperationException(
                "CORS: credentials may only be allowed for explicit origins; list them in AllowedOrigins instead of AllowAnyOrigin.");
        }
    }

    internal bool IsAllowed(string origin) => AllowAnyOrigin || AllowedOrigins.Contains(origin, StringComparer.Ordinal);
}
