using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>Dispatch in a namespace: an event to its handler, a disconnection to the disconnect handlers.</summary>
public sealed partial class ServerNamespace
{
    /// <summary>Starts the handler of one event; the returned task ends when the handler does.</summary>
    internal ValueTask DispatchAsync(Socket socket, IncomingEvent incoming)
    {
        if (_handlers.AnyHandlers.Length == 0)
        {
            foreach (var handler in _handlers.TypedHandlers)
            {
                if (handler.TryDispatch(socket, incoming, out var handling))
                {
                    return handling;
                }
            }

            if (_handlers.TryFindEventHandler(incoming.NameUtf8.Span, out var eventHandler))
            {
                return eventHandler(new SocketIOEvent(socket, incoming.Name, incoming.Arguments, incoming.AckId));
            }
        }

        return DispatchSlowAsync(socket, incoming);
    }

    private async ValueTask DispatchSlowAsync(Socket socket, IncomingEvent incoming)
    {
        var e = new SocketIOEvent(socket, incoming.Name, incoming.Arguments, incoming.AckId);
        foreach (var any in _handlers.AnyHandlers)
        {
            await any(e).ConfigureAwait(false);
        }

        foreach (var handler in _handlers.TypedHandlers)
        {
            if (handler.TryDispatch(socket, incoming, out var handling))
            {
                await handling.ConfigureAwait(false);
                return;
            }
        }

        if (_handlers.TryFindEventHandler(incoming.NameUtf8.Span, out var eventHandler))
        {
            await eventHandler(e).ConfigureAwait(false);
        }
        else if (_handlers.Fallback is { } fallback)
        {
            await fallback(e).ConfigureAwait(false);
        }
        else
        {
            Server.Log.NoHandler(e.Name, Name);
        }
    }

    internal async ValueTask OnDisconnectingAsync(Socket socket, DisconnectReason reason)
    {
        foreach (var handler in _handlers.TypedHandlers)
        {
            await Guard(() => handler.OnDisconnectingAsync(socket, reason)).ConfigureAwait(false);
        }

        foreach (var handler in _handlers.DisconnectingHandlers)
        {
            await Guard(() => handler(socket, reason)).ConfigureAwait(false);
        }
    }

    internal async ValueTask OnDisconnectAsync(Socket socket, DisconnectReason reason)
    {
        Server.Log.SocketDisconnected(socket.Id, Name, reason.ToWireString());
        foreach (var handler in _handlers.TypedHandlers)
        {
            await Guard(() => handler.OnDisconnectAsync(socket, reason)).ConfigureAwait(false);
        }

        foreach (var handler in _handlers.DisconnectHandlers)
        {
            await Guard(() => handler(socket, reason)).ConfigureAwait(false);
        }
    }

    private async ValueTask Guard(Func<ValueTask> handler)
    {
        try
        {
            await handler().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Server.Log.DisconnectHandlerFailed(exception, Name);
        }
    }
}
