using Microsoft.Extensions.DependencyInjection;

namespace TypedSocketIO;

/// <summary>Returned by <c>AddSocketIO</c>: the place to add namespaces and adapters.</summary>
public interface ISocketIOBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }
}
