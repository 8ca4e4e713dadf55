using System.ComponentModel;

namespace TypedSocketIO.Dispatch;

/// <summary>
/// The seam between the runtime and the code that handles a namespace's events: the
/// source generator implements it for each <c>[SocketIONamespace]</c> class, with a
/// <c>switch</c> on the event name and no reflection.
/// </summary>
/// <remarks>For generated code: the generator implements it. Hidden from IntelliSense; not meant to be implemented by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface INamespaceHandler
{
    /// <summary>
    /// A socket is connecting (middleware has passed). Throw <see cref="ConnectionRefusedException"/>
    /// to refuse it.
    /// </summary>
    ValueTask OnConnectAsync(Socket socket);

    /// <summary>
    /// Starts handling <paramref name="incoming"/> if this handler knows the event; returns false
    /// (and leaves <paramref name="handling"/> default) if it does not.
    /// </summary>
    bool TryDispatch(Socket socket, in IncomingEvent incoming, out ValueTask handling);

    /// <summary>The socket is leaving; its rooms are still set.</summary>
    ValueTask OnDisconnectingAsync(Socket socket, DisconnectReason reason);

    /// <summary>The socket has left.</summary>
    ValueTask OnDisconnectAsync(Socket socket, DisconnectReason reason);
}
