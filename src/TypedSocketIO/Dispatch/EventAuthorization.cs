namespace TypedSocketIO.Dispatch;

/// <summary>
/// The check generated dispatchers put in front of a handler with <c>[Authorize]</c>: the handler
/// runs only if the socket's user meets the rule; otherwise it is not called (its arguments are
/// not even read) and a client that asked for an ack receives one argument,
/// <c>{"message":"forbidden","data":{"reason":"..."}}</c> (<c>unauthorized</c> for a user who is not
/// authenticated), the shape of a CONNECT_ERROR. Handlers without attributes are called directly.
/// </summary>
public static class EventAuthorization
{
    /// <summary>Runs <paramref name="handler"/> if the socket's user meets <paramref name="rule"/>; refuses the event otherwise.</summary>
    /// <remarks>When the policies complete at once (roles, claims) and pass, this allocates nothing.</remarks>
    public static ValueTask RunIfAuthorized<TDispatcher>(
        TDispatcher dispatcher,
        Socket socket,
        in IncomingEvent incoming,
        AuthorizeData[] rule,
        Func<TDispatcher, Socket, IncomingEvent, ValueTask> handler)
    {
        var check = socket.Namespace.AuthorizeAsync(socket, rule);
        if (!check.IsCompletedSuccessfully)
        {
            return AuthorizeThenRunAsync(check, dispatcher, socket, incoming, handler);
        }

        var outcome = check.Result;
        if (outcome.Succeeded)
        {
            return handler(dispatcher, socket, incoming);
        }

        Refuse(socket, incoming, outcome);
        return default;
    }

    private static async ValueTask AuthorizeThenRunAsync<TDispatcher>(
        ValueTask<AuthorizationOutcome> check,
        TDispatcher dispatcher,
        Socket socket,
        IncomingEvent incoming,
        Func<TDispatcher, Socket, IncomingEvent, ValueTask> handler)
    {
        var outcome = await check.ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            Refuse(socket, incoming, outcome);
            return;
        }

        ValueTask handling;
        try
        {
            handling = handler(dispatcher, socket, incoming);
        }
        catch (ArgumentBindingException exception)
        {
            // As when the handler is called at once: bad arguments are the client's mistake, logged as such.
            socket.Server.Log.BadArguments(incoming.Name, socket.Namespace.Name, socket.Id, exception.Message);
            return;
        }

        await handling.ConfigureAwait(false);
    }

    private static void Refuse(Socket socket, in IncomingEvent incoming, AuthorizationOutcome outcome)
    {
        socket.Server.Log.EventRefused(incoming.Name, socket.Namespace.Name, socket.Id, outcome.Message!, outcome.Reason!);
        if (!incoming.WantsAck)
        {
            return;
        }

        using var ack = PacketBuilder.ForAck(socket.Server.JsonOptions);
        outcome.WriteTo(ack.Json);
        socket.Send(ack.Build(socket.Namespace.Name, incoming.AckId));
    }
}
