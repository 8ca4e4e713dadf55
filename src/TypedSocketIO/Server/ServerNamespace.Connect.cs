using TypedSocketIO.Dispatch;
using TypedSocketIO.Protocol;

namespace TypedSocketIO;

/// <summary>The connect flow of a namespace: middleware, joining, connect handlers, and the CONNECT or CONNECT_ERROR answer.</summary>
public sealed partial class ServerNamespace
{
    /// <summary>Checks authorization, runs middleware and connect handlers; on success the socket is connected and answered.</summary>
    internal async ValueTask ConnectAsync(Socket socket)
    {
        try
        {
            await _adapterReady.ConfigureAwait(false);
            if (await AuthorizeConnectAsync(socket).ConfigureAwait(false) is { } refusal)
            {
                // Before any middleware, as ASP.NET Core authorizes before the endpoint runs.
                socket.MarkRefused();
                Server.Log.ConnectionRefused(Name, refusal.Message + ": " + refusal.Reason);
                socket.Client.Send(ConnectRefusalPacket(refusal), isVolatile: false);
                return;
            }

            foreach (var middleware in _handlers.Middleware)
            {
                await middleware(socket).ConfigureAwait(false);
            }

            // In the namespace and its own room before the connect handlers, so they can reach it.
            _sockets[socket.Id] = socket;
            await Adapter.AddToRoomsAsync(socket.Id, [socket.Id]).ConfigureAwait(false);

            foreach (var handler in _handlers.TypedHandlers)
            {
                await handler.OnConnectAsync(socket).ConfigureAwait(false);
            }

            foreach (var handler in _handlers.ConnectHandlers)
            {
                await handler(socket).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            socket.MarkRefused();
            Remove(socket);
            await Adapter.RemoveFromAllRoomsAsync(socket.Id).ConfigureAwait(false);
            if (exception is ConnectionRefusedException refused)
            {
                Server.Log.ConnectionRefused(Name, refused.Message);
                socket.Client.Send(ConnectErrorPacket(refused.Message, refused.ErrorData), isVolatile: false);
            }
            else
            {
                Server.Log.ConnectHandlerFailed(exception, Name);
                socket.Client.Send(ConnectErrorPacket("Server error", null), isVolatile: false);
            }

            return;
        }

        socket.MarkConnected(ConnectPacket(socket.Id));
        Server.Log.SocketConnected(socket.Id, Name);
        RaiseSocketConnected(socket);
    }

    internal OutgoingPacket ConnectErrorPacket(string message, object? data) => ConnectErrorPacketFor(Name, message, data);

    /// <summary>A CONNECT_ERROR for <paramref name="namespaceName"/> (which may be a namespace that does not exist).</summary>
    internal OutgoingPacket ConnectErrorPacketFor(string namespaceName, string message, object? data = null) =>
        ControlPackets.ConnectError(namespaceName, message, data, Server.JsonOptions);

    internal OutgoingPacket ConnectPacket(string socketId) => ControlPackets.Connect(Name, socketId);
}
