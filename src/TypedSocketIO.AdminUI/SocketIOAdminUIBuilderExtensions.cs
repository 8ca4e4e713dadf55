using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TypedSocketIO.AdminUI.Internal;

namespace TypedSocketIO;

/// <summary>Adds the Socket.IO Admin UI's server side to the Socket.IO server.</summary>
public static class SocketIOAdminUIBuilderExtensions
{
    /// <summary>
    /// Serves the admin namespace (<c>/admin</c> by default) that the Socket.IO Admin UI connects
    /// to, as Node's <c>instrument(io, options)</c> does: authentication, the list of sockets,
    /// live events, statistics and the UI's actions. It starts with the host; credentials (or
    /// <see cref="AdminUIOptions.AllowAnonymous"/>) are required. The UI itself is served by
    /// <c>MapSocketIOAdminUI</c>, or from anywhere else (the UI is a static page).
    /// </summary>
    public static ISocketIOBuilder AddAdminUI(this ISocketIOBuilder builder, Action<AdminUIOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<AdminUIOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdminUIOptions>, AdminUIOptionsValidator>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AdminUIHostedService>());
        return builder;
    }
}
