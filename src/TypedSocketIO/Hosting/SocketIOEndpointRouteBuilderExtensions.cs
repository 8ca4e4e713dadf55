using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
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
        var server = endpoints.ServiceProvider.GetRequiredService<SocketIOServer>();
        server.AttachNamespaces(endpoints.ServiceProvider.GetServices<INamespaceRegistration>(), endpoints.ServiceProvider);
        return MapEngine(endpoints, path ?? server.Options.Path, server.Engine, "Socket.IO");
    }

    /// <summary>
    /// Serves a plain Engine.IO endpoint (no Socket.IO layer) at <paramref name="path"/>, with
    /// <paramref name="handler"/> receiving its connections and messages.
    /// </summary>
    public static IEndpointConventionBuilder MapEngineIO(this IEndpointRouteBuilder endpoints, string path, IEngineIOHandler handler, Action<EngineIOOptions>? configure = null)
    {
        var options = new EngineIOOptions();
        configure?.Invoke(options);
        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var metrics = SocketIOMetrics.For(endpoints.ServiceProvider.GetService<IMeterFactory>());
        var engine = new EngineIOServer(options, handler, loggerFactory.CreateLogger("TypedSocketIO.EngineIO"), metrics);
        var lifetime = endpoints.ServiceProvider.GetService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        lifetime?.ApplicationStopping.Register(() => engine.CloseAll(EngineIOCloseReason.ServerShuttingDown));
        return MapEngine(endpoints, path, engine, "Engine.IO");
    }

    private static IEndpointConventionBuilder MapEngine(IEndpointRouteBuilder endpoints, string path, EngineIOServer engine, string name)
    {
        // Routing ignores a trailing slash, so this serves both /socket.io and /socket.io/.
        return endpoints.Map("/" + path.Trim('/'), engine.HandleRequestAsync).WithDisplayName(name);
    }
}
