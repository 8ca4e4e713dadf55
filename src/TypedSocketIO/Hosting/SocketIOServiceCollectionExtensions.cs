using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace TypedSocketIO;

/// <summary>Registers the Socket.IO server with ASP.NET Core's services.</summary>
public static class SocketIOServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Socket.IO server (a singleton <see cref="SocketIOServer"/>) and graceful shutdown,
    /// with default options. No WebSocket middleware is needed: the endpoint that
    /// <c>MapSocketIO()</c> maps opens WebSockets itself.
    /// </summary>
    public static ISocketIOBuilder AddSocketIO(this IServiceCollection services)
    {
        services.AddOptions<SocketIOOptions>();
        services.TryAddSingleton<SocketIOServer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SocketIOLifetimeService>());
        return new SocketIOBuilder(services);
    }

    /// <summary>Adds the Socket.IO server with options set by <paramref name="configure"/>.</summary>
    public static ISocketIOBuilder AddSocketIO(this IServiceCollection services, Action<SocketIOOptions> configure)
    {
        services.AddOptions<SocketIOOptions>().Configure(configure);
        return services.AddSocketIO();
    }

    /// <summary>
    /// Adds the Socket.IO server with options read from <paramref name="configuration"/> (for
    /// example <c>builder.Configuration.GetSection("SocketIO")</c>); chain <c>Services.Configure</c> to adjust them further.
    /// </summary>
    public static ISocketIOBuilder AddSocketIO(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SocketIOOptions>().Configure(options => SocketIOOptionsBinder.Bind(configuration, options));
        return services.AddSocketIO();
    }

    private sealed class SocketIOBuilder(IServiceCollection services) : ISocketIOBuilder
    {
        public IServiceCollection Services => services;
    }
}
