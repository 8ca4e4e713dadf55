using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>Finds the Admin UI's files from an npm install and serves them with ASP.NET Core's static files middleware.</summary>
internal static class AdminUIFiles
{
    /// <summary>Where <c>npm install @socket.io/admin-ui</c> puts the page, relative to the folder it runs in.</summary>
    public static readonly string NpmDistPath = Path.Combine("node_modules", "@socket.io", "admin-ui", "ui", "dist");

    public static string FindDirectory(IServiceProvider services, string? configured)
    {
        var contentRoot = services.GetService<IWebHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
        string[] candidates = configured is null
            ? [Path.Combine(contentRoot, NpmDistPath), Path.Combine(AppContext.BaseDirectory, NpmDistPath)]
            : [Path.GetFullPath(configured, contentRoot)];
        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "index.html")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "MapSocketIOAdminUI found no Admin UI page (index.html) in " + string.Join(" or ", candidates) + ". "
            + "Run `npm install @socket.io/admin-ui@0.5.1` in the project's folder, or pass uiDirectory: the folder holding the package's ui/dist files.");
    }

    public static RequestDelegate CreatePipeline(IEndpointRouteBuilder endpoints, string directory, string prefix)
    {
        var app = endpoints.CreateApplicationBuilder();
        app.Use(next => context =>
        {
            // The static files middleware serves only requests no endpoint has taken; this one is ours.
            context.SetEndpoint(null);
            if (context.Request.Path.Value is { } path && path.Length == prefix.Length + 1)
            {
                context.Request.Path = prefix + "/index.html";
            }

            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(directory),
            RequestPath = prefix,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = static file =>
            {
                // The scripts and styles have hashed names; the page names them, so it must always be fresh.
                if (file.File.Name == "index.html")
                {
                    file.Context.Response.Headers.CacheControl = "no-cache";
                }
            },
        });
        return app.Build();
    }
}
