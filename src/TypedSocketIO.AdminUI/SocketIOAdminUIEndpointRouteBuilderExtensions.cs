using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TypedSocketIO.AdminUI.Internal;

namespace TypedSocketIO;

/// <summary>Serves the Socket.IO Admin UI's page.</summary>
public static class SocketIOAdminUIEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves the Admin UI's static files at <paramref name="pattern"/> (the page at
    /// <c>/admin-ui/</c>; <c>/admin-ui</c> redirects there). The files are not part of this
    /// package: they come from the npm package <c>@socket.io/admin-ui</c> (0.5), which ships them
    /// in <c>ui/dist</c>. Without <paramref name="uiDirectory"/>, they are looked for in
    /// <c>node_modules/@socket.io/admin-ui/ui/dist</c> under the content root, then under the
    /// application's folder; a relative <paramref name="uiDirectory"/> is taken from the content
    /// root. Throws at startup when no <c>index.html</c> is found, saying where it looked.
    /// The page connects to the server with the credentials of <c>AddAdminUI</c>; chain
    /// <c>RequireAuthorization()</c> to also hide the page itself.
    /// </summary>
    public static IEndpointConventionBuilder MapSocketIOAdminUI(this IEndpointRouteBuilder endpoints, string pattern = "/admin-ui", string? uiDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var prefix = "/" + pattern.Trim('/');
        var directory = AdminUIFiles.FindDirectory(endpoints.ServiceProvider, uiDirectory);
        var files = AdminUIFiles.CreatePipeline(endpoints, directory, prefix);
        return endpoints.Map(prefix + "/{**file}", context =>
        {
            var path = context.Request.Path.Value ?? "";
            if (path.Length == prefix.Length)
            {
                // The page's links are relative: it must be served from the folder's URL.
                context.Response.Redirect(context.Request.PathBase + prefix + "/" + context.Request.QueryString, permanent: false);
                return Task.CompletedTask;
            }

            return files(context);
        }).WithDisplayName("Socket.IO Admin UI");
    }
}
