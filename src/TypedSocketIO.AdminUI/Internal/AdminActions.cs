using System.Text.Json;
using Microsoft.Extensions.Logging;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>
/// What the UI can do to the server's sockets, as Node's package (v4 forms) takes it:
/// <c>emit(nsp, filter, event, ...args)</c>, <c>join(nsp, room, filter)</c>,
/// <c>leave(nsp, room, filter)</c> and <c>_disconnect(nsp, close, filter)</c>. The filter is a
/// room (a socket id selects one socket); none selects every socket of the namespace. A
/// namespace that does not exist is left alone rather than created.
/// </summary>
internal sealed class AdminActions(SocketIOServer server, ILogger logger)
{
    public void Register(ServerNamespace admin)
    {
        admin.On("emit", EmitAsync);
        admin.On("join", e => WithRoomAsync(e, static (target, room) => target.SocketsJoinAsync(room)));
        admin.On("leave", e => WithRoomAsync(e, static (target, room) => target.SocketsLeaveAsync(room)));
        admin.On("_disconnect", DisconnectAsync);
    }

    private ValueTask EmitAsync(SocketIOEvent e)
    {
        if (Target(e, filterIndex: 1) is not { } target || String(e.Arguments, 2) is not { } eventName || ReservedEventNames.Contains(eventName))
        {
            return Ignored(e);
        }

        OutgoingPacket packet;
        using (var builder = PacketBuilder.ForEvent(eventName, server.JsonOptions))
        {
            for (var i = 3; i < e.Arguments.Count; i++)
            {
                ArgumentCopier.WriteArgument(builder, e.Arguments, i);
            }

            packet = builder.Build(target.Namespace.Name);
        }

        return target.SendAsync(packet);
    }

    private ValueTask WithRoomAsync(SocketIOEvent e, Func<BroadcastOperator, string, ValueTask> change)
    {
        if (Target(e, filterIndex: 2) is not { } target || String(e.Arguments, 1) is not { Length: > 0 } room)
        {
            return Ignored(e);
        }

        return change(target, room);
    }

    private ValueTask DisconnectAsync(SocketIOEvent e)
    {
        if (Target(e, filterIndex: 2) is not { } target || e.Arguments.Count < 2)
        {
            return Ignored(e);
        }

        var close = e.Arguments.GetElement(1).ValueKind == JsonValueKind.True;
        return target.DisconnectSocketsAsync(close);
    }

    /// <summary>The sockets an action is for: its namespace (argument 0), narrowed to the room of its filter when it has one.</summary>
    private BroadcastOperator? Target(SocketIOEvent e, int filterIndex)
    {
        if (String(e.Arguments, 0) is not { } name || !server.TryGetNamespace(name, out var ns))
        {
            return null;
        }

        return String(e.Arguments, filterIndex) is { Length: > 0 } filter ? ns.In(filter) : ns.All;
    }

    private static string? String(EventArguments args, int index) =>
        index < args.Count && args.GetElement(index) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private ValueTask Ignored(SocketIOEvent e)
    {
        logger.LogDebug("Admin UI action {Action} ignored: arguments {Arguments} name no such namespace or are malformed.", e.Name, e.Arguments.ToString());
        return ValueTask.CompletedTask;
    }
}
