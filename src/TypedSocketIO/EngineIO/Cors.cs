using Microsoft.AspNetCore.Http;

namespace TypedSocketIO.EngineIO;

/// <summary>Applies the configured cross-origin policy to an Engine.IO request.</summary>
internal static class Cors
{
    /// <summary>Adds the CORS headers; returns false when an allow-list is set and the request's origin is on neither it nor the server's own origin.</summary>
    public static bool Apply(HttpContext context, EngineIOCorsOptions options)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (!options.Enabled || origin.Length == 0)
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

    private static bool IsSameOrigin(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
