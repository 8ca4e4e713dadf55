using Microsoft.AspNetCore.Http;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// Applies the configured cross-origin policy to every Engine.IO request, the handshakes and each
/// later request of a session alike.
/// </summary>
internal static class Cors
{
    /// <summary>
    /// Adds the CORS headers; returns false when the request comes from a browser page whose
    /// origin is neither allowed nor the server's own. A request without an <c>Origin</c> header
    /// (a client that is not a browser page) is always allowed.
    /// </summary>
    public static bool Apply(HttpContext context, EngineIOCorsOptions options)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!options.IsAllowed(origin))
        {
            return IsSameOrigin(context.Request, origin);
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = options.AllowAnyOrigin && !options.AllowCredentials ? "*" : origin;
        headers.Vary = "Origin";
        if (options.AllowCredentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            headers.AccessControlAllowMethods = "GET,POST";
            var requested = context.Request.Headers.AccessControlRequestHeaders.ToString();
            if (options.AllowedHeaders.Count > 0)
            {
                headers.AccessControlAllowHeaders = string.Join(",", options.AllowedHeaders);
            }
            else if (requested.Length > 0)
            {
                headers.AccessControlAllowHeaders = requested;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether <paramref name="origin"/> (<c>scheme://host[:port]</c>) is the request's own scheme,
    /// host and port. Behind a proxy these are the public ones once ASP.NET Core's forwarded-headers
    /// middleware has rewritten them.
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request, string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0
            || !string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false; // "null" (a sandboxed page, a file) and anything that is not an origin
        }

        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return uri.Port == port && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase);
    }
}
