using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>Adds class-based namespaces to the Socket.IO server.</summary>
public static class SocketIOBuilderExtensions
{
    private const string NoGeneratedCode =
        "The namespace class has no generated code: either the TypedSocketIO source generator did not run for this project, " +
        "or the class is not a partial class marked [SocketIONamespace(\"/path\")] (TSIO0001, TSIO0003). " +
        "The TypedSocketIO package brings the generator; a bare ProjectReference to src/TypedSocketIO does not: " +
        "import src/TypedSocketIO/TypedSocketIO.FromSource.props instead (README, \"Install\").";

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

    /// <summary>
    /// Never called: the compiler picks it only when <typeparamref name="TNamespace"/> has no
    /// generated code, to report why (CS0619) instead of a bare constraint error.
    /// </summary>
    /// <remarks>
    /// With the generated code both overloads apply and the one above wins, as it needs no default
    /// argument; without it the one above is dropped for its constraint, and this one is left.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete(NoGeneratedCode, error: true)]
    public static ISocketIOBuilder AddNamespace<TNamespace>(this ISocketIOBuilder builder, object? notGenerated = null)
        where TNamespace : Namespace =>
        throw new NotSupportedException(NoGeneratedCode);
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
