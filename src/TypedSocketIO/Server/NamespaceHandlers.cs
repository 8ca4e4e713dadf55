using System.Text;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>
/// The handlers registered on one namespace: middleware, connect and disconnect handlers, event
/// handlers by name, the catch-all, and generated <see cref="INamespaceHandler"/>s.
/// </summary>
internal sealed class NamespaceHandlers
{
    private readonly Lock _registration = new();

    // Copy-on-write arrays: registration is rare, dispatch reads them without locking.
    private Func<Socket, ValueTask>[] _middleware = [];
    private Func<Socket, ValueTask>[] _connectHandlers = [];
    private Func<Socket, DisconnectReason, ValueTask>[] _disconnectingHandlers = [];
    private Func<Socket, DisconnectReason, ValueTask>[] _disconnectHandlers = [];
    private Func<SocketIOEvent, ValueTask>[] _anyHandlers = [];
    private INamespaceHandler[] _typedHandlers = [];
    private readonly Dictionary<string, Func<SocketIOEvent, ValueTask>> _eventHandlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<SocketIOEvent, ValueTask>>.AlternateLookup<ReadOnlySpan<char>> _eventLookup;
    private Func<SocketIOEvent, ValueTask>? _fallback;

    public NamespaceHandlers()
    {
        _eventLookup = _eventHandlers.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Func<Socket, ValueTask>[] Middleware => _middleware;

    public Func<Socket, ValueTask>[] ConnectHandlers => _connectHandlers;

    public Func<Socket, DisconnectReason, ValueTask>[] DisconnectingHandlers => _disconnectingHandlers;

    public Func<Socket, DisconnectReason, ValueTask>[] DisconnectHandlers => _disconnectHandlers;

    public Func<SocketIOEvent, ValueTask>[] AnyHandlers => _anyHandlers;

    public INamespaceHandler[] TypedHandlers => _typedHandlers;

    /// <summary>The catch-all handler (<c>"*"</c>), if one is registered.</summary>
    public Func<SocketIOEvent, ValueTask>? Fallback => _fallback;

    public void AddMiddleware(Func<Socket, ValueTask> middleware) => AddTo(ref _middleware, middleware);

    public void AddConnectHandler(Func<Socket, ValueTask> handler) => AddTo(ref _connectHandlers, handler);

    public void AddDisconnectingHandler(Func<Socket, DisconnectReason, ValueTask> handler) => AddTo(ref _disconnectingHandlers, handler);

    public void AddDisconnectHandler(Func<Socket, DisconnectReason, ValueTask> handler) => AddTo(ref _disconnectHandlers, handler);

    public void AddAnyHandler(Func<SocketIOEvent, ValueTask> handler) => AddTo(ref _anyHandlers, handler);

    public void AddTypedHandler(INamespaceHandler handler) => AddTo(ref _typedHandlers, handler);

    /// <summary>Sets the handler of <paramref name="eventName"/>; <c>"*"</c> sets the catch-all.</summary>
    public void SetEventHandler(string eventName, Func<SocketIOEvent, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (eventName == "*")
        {
            _fallback = handler;
            return;
        }

        ReservedEvents.ThrowIfReserved(eventName);
        lock (_eventHandlers)
        {
            _eventHandlers[eventName] = handler;
        }
    }

    /// <summary>Finds the handler of an event by its UTF-8 name, without allocating for names up to 256 bytes.</summary>
    public bool TryFindEventHandler(ReadOnlySpan<byte> nameUtf8, out Func<SocketIOEvent, ValueTask> handler)
    {
        handler = null!;
        if (_eventHandlers.Count == 0 || nameUtf8.Length > 256)
        {
            return _eventHandlers.Count > 0 && _eventHandlers.TryGetValue(Encoding.UTF8.GetString(nameUtf8), out handler!);
        }

        Span<char> chars = stackalloc char[nameUtf8.Length];
        var count = Encoding.UTF8.GetChars(nameUtf8, chars);
        lock (_eventHandlers)
        {
            return _eventLookup.TryGetValue(chars[..count], out handler!);
        }
    }

    private void AddTo<T>(ref T[] handlers, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_registration)
        {
            handlers = [.. handlers, item];
        }
    }
}
