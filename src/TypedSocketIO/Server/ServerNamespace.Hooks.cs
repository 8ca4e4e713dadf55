using System.Runtime.CompilerServices;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>
/// Notifications of what happens in a namespace, for monitoring (the admin UI is built on them):
/// sockets connected, their data changed, events sent. Each costs a field read when nobody listens.
/// </summary>
public sealed partial class ServerNamespace
{
    private Action<OutgoingEvent>[] _outgoingListeners = [];

    /// <summary>
    /// Raised once a socket is connected: after middleware and connect handlers accepted it and
    /// its CONNECT answer was sent (Node's <c>connection</c> event). Handlers run synchronously;
    /// one that throws is logged, and those after it do not run for that socket.
    /// </summary>
    public event Action<Socket>? SocketConnected;

    /// <summary>Raised after <see cref="Socket.SetData{T}(T)"/> changed a socket's data. Runs as <see cref="SocketConnected"/> does.</summary>
    public event Action<Socket>? SocketDataChanged;

    /// <summary>
    /// Runs <paramref name="listener"/> for every event sent to a socket of this namespace, a
    /// broadcast once per target, acks aside (Node's <c>socket.onAnyOutgoing</c>). It runs
    /// synchronously on the sending thread, before the packet is queued: keep it short; an
    /// exception it throws is logged and the event is sent all the same.
    /// </summary>
    public ServerNamespace OnAnyOutgoing(Action<OutgoingEvent> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Action<OutgoingEvent>[] current;
        do
        {
            current = Volatile.Read(ref _outgoingListeners);
        }
        while (Interlocked.CompareExchange(ref _outgoingListeners, [.. current, listener], current) != current);

        return this;
    }

    internal void RaiseSocketConnected(Socket socket) => Raise(SocketConnected, socket, nameof(SocketConnected));

    internal void RaiseSocketDataChanged(Socket socket) => Raise(SocketDataChanged, socket, nameof(SocketDataChanged));

    /// <summary>Tells the <see cref="OnAnyOutgoing"/> listeners of a packet sent to <paramref name="socket"/>; nothing to do when there are none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RaiseSending(Socket socket, OutgoingPacket packet)
    {
        if (_outgoingListeners.Length != 0)
        {
            NotifyOutgoing(socket, packet);
        }
    }

    private void NotifyOutgoing(Socket socket, OutgoingPacket packet)
    {
        try
        {
            if (OutgoingEvent.TryCreate(socket, packet) is not { } outgoing)
            {
                return;
            }

            foreach (var listener in Volatile.Read(ref _outgoingListeners))
            {
                listener(outgoing);
            }
        }
        catch (Exception exception)
        {
            Server.Log.HookFailed(exception, nameof(OnAnyOutgoing), Name);
        }
    }

    private void Raise(Action<Socket>? handlers, Socket socket, string hook)
    {
        if (handlers is null)
        {
            return;
        }

        try
        {
            handlers(socket);
        }
        catch (Exception exception)
        {
            Server.Log.HookFailed(exception, hook, Name);
        }
    }
}
