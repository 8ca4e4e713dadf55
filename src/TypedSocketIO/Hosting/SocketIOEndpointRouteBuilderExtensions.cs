using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TypedSocketIO.Diagnostics;
using TypedSocketIO.EngineIO;

namespace TypedSocketIO;

/// <summary>Maps the Socket.IO and Engine.IO endpoints.</summary>
public static class SocketIOEndpointRouteBuilderExtensions
{
    /// <summary>Serves Socket.IO at <paramref name="path"/> (default: the configured path, <c>/socket.io</c>).</summary>
    public static IEndpointConventionBuilder MapSocketIO(this IEndpointRouteBuilder endpoints, string? path = null)
    {
        var services = endpoints.ServiceProvider;
        var server = services.GetRequiredService<SocketIOServer>();
        server.Authorizer ??= new AspNetCoreSocketAuthorizer(services);
        if (server.BeginAttachingNamespaces())
        {
            foreach (var registration in services.GetServices<INamespaceRegistration>())
            {
                registration.Attach(server, services);
            }
        }

        RequestDelegate handle = server.Engine.HandleRequestAsync;
        if (services.GetService<IAuthenticationSchemeProvider>() is { } schemes)
        {
            handle = HandshakeAuthentication.RecordingFailures(handle, schemes);
        }

        return MapEngine(endpoints, path ?? server.Options.Path, handle, "Socket.IO");
    }

    /// <summary>
    /// Serves a plain Engine.IO endpoint (no Socket.IO layer) at <paramref name="path"/>, with
    /// <paramref name="handler"/> receiving its connections and messages.
    /// </summary>
    /// <remarks>
    /// For clients that speak Engine.IO itself (Node's <c>engine.io-client</c>, or a protocol of
    /// your own over its text and binary messages), as Node's standalone <c>engine.io</c> server:
    /// the same transports, upgrade, heartbeat, CORS and limits as <see cref="MapSocketIO"/>,
    /// configured by <paramref name="configure"/> rather than by <see cref="SocketIOOptions"/>.
    /// Sessions are closed with <see cref="EngineIOCloseReason.ServerShuttingDown"/> when the host stops.
    /// </remarks>
    /// <param name="endpoints">The app's endpoint routes.</param>
    /// <param name="path">Where to serve it, e.g. <c>/engine.io</c> (with or without the trailing slash).</param>
    /// <param name="handler">Receives each session's opening, messages (in order, one at a time) and close.</param>
    /// <param name="configure">Changes the Engine.IO options (defaults: those of <see cref="EngineIOOptions"/>).</param>
    public static IEndpointConventionBuilder MapEngineIO(this IEndpointRouteBuilder endpoints, string path, IEngineIOHandler handler, Action<EngineIOOptions>? configure = null)
    {
        var options = new EngineIOOptions();
        configure?.Invoke(options);
        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var metrics = SocketIOMetrics.For(endpoints.ServiceProvider.GetService<IMeterFactory>());
        var engine = new EngineIOServer(options, handler, loggerFactory.CreateLogger("TypedSocketIO.EngineIO"), metrics);
        var lifetime = endpoints.ServiceProvider.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        lifetime?.ApplicationStopping.Register(() => engine.CloseAll(EngineIOCloseReason.ServerShuttingDown));
        return MapEngine(endpoints, path, engine.HandleRequestAsync, "Engine.IO");
    }

    private static IEndpointConventionBuilder MapEngine(IEndpointRouteBuilder endpoints, string path, RequestDelegate handle, string name)
    {
        // Routing ignores a trailing slash, so this serves both /socket.io and /socket.io/.
        return endpoints.Map("/" + path.Trim('/'), handle).WithDisplayName(name);
    }
}
