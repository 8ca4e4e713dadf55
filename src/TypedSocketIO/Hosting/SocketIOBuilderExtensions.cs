using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>Adds class-based namespaces to the Socket.IO server.</summary>
public static class SocketIOBuilderExtensions
{
    /// <summary>
    /// Serves <typeparamref name="TNamespace"/> (a <c>[SocketIONamespace]</c> class) through its
    /// generated dispatcher; its constructor receives services from dependency injection.
    /// </summary>
    public static ISocketIOBuilder AddNamespace<TNamespace>(this ISocketIOBuilder builder)
        where TNamespace : Namespace, IGeneratedNamespace<TNamespace>
    {
        builder.Services.TryAddSingleton(static services => TNamespace.Create(services));
        builder.Services.AddSingleton<INamespaceRegistration, NamespaceRegistration<TNamespace>>();
        return builder;
    }
}

/// <summary>Attaches one class-based namespace to the server when Socket.IO is mapped.</summary>
internal interface INamespaceRegistration
{
    void Attach(SocketIOServer server, IServiceProvider services);
}

internal sealed class NamespaceRegistration<TNamespace> : INamespaceRegistration
    where TNamespace : Namespace, IGeneratedNamespace<TNamespace>
{
    public void Attach(SocketIOServer server, IServiceProvider services)
    {
        var instance = services.GetRequiredService<TNamespace>();
        var runtime = server.Of(TNamespace.Path);
        if (TNamespace.ConnectAuthorization is { } rule)
        {
            // Fail at startup, not at the first CONNECT: [Authorize] needs ASP.NET Core's authorization.
            _ = services.GetService<Microsoft.AspNetCore.Authorization.IAuthorizationService>()
                ?? throw new InvalidOperationException($"{typeof(TNamespace).Name} has [Authorize]: call services.AddAuthorization() (and AddAuthentication()).");
            runtime.RequireAuthorization(rule);
        }

        instance.AttachTo(runtime);
        runtime.AddHandler(TNamespace.CreateHandler(instance, runtime));
    }
}
