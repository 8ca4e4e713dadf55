using System.ComponentModel;

namespace TypedSocketIO.Dispatch;

/// <summary>
/// Implemented by the generator on every <c>[SocketIONamespace]</c> class, so that
/// <c>AddNamespace&lt;T&gt;()</c> reaches the generated code through static members, without reflection.
/// </summary>
/// <typeparam name="TSelf">The namespace class.</typeparam>
/// <remarks>For generated code: the generator implements it. Hidden from IntelliSense; not meant to be implemented by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGeneratedNamespace<TSelf>
    where TSelf : Namespace
{
    /// <summary>The namespace path from the attribute.</summary>
    static abstract string Path { get; }

    /// <summary>Creates the namespace with its constructor's services.</summary>
    static abstract TSelf Create(IServiceProvider services);

    /// <summary>
    /// What CONNECT requires: the class's <c>[Authorize]</c> attributes (and those of its connect
    /// handler), checked before any middleware; null (the default) for nothing.
    /// </summary>
    static virtual AuthorizeData[]? ConnectAuthorization => null;

    /// <summary>Creates the dispatcher that routes the runtime namespace's events to <paramref name="instance"/>.</summary>
    static abstract INamespaceHandler CreateHandler(TSelf instance, ServerNamespace runtime);
}
