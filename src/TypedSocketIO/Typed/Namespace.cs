namespace TypedSocketIO;

/// <summary>
/// The base of a class-based namespace. Derive from <see cref="Namespace{TClient}"/>, mark the
/// class <c>[SocketIONamespace("/path")] partial</c>, and write <c>on_event</c> methods; the
/// source generator turns them into a dispatcher with no reflection.
/// </summary>
/// <remarks>
/// One instance serves the whole namespace (as python-socketio's <c>Namespace</c>), created
/// from dependency injection when the app maps Socket.IO: handlers run concurrently for many
/// sockets, so keep per-socket state on the <see cref="Socket"/> and inject
/// <c>IServiceScopeFactory</c> for scoped services.
/// </remarks>
public abstract class Namespace
{
    private ServerNamespace? _runtime;

    /// <summary>The namespace at run time: its sockets, rooms, adapter and delegate handlers.</summary>
    public ServerNamespace Runtime => _runtime ?? throw new InvalidOperationException("The namespace is not attached to a server yet; map Socket.IO first.");

    /// <summary>Attaches the instance to its runtime namespace (called once, when Socket.IO is mapped).</summary>
    internal void AttachTo(ServerNamespace runtime)
    {
        if (Interlocked.CompareExchange(ref _runtime, runtime, null) is not null)
        {
            throw new InvalidOperationException("The namespace is already attached.");
        }
    }
}
