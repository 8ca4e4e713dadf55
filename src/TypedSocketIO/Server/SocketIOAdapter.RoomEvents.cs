namespace TypedSocketIO;

/// <summary>
/// Room membership notifications, as Node's adapter emits <c>join-room</c> and <c>leave-room</c>:
/// for monitoring (the admin UI lists rooms with them), presence, or statistics.
/// </summary>
public abstract partial class SocketIOAdapter
{
    /// <summary>
    /// Raised after a socket of this server joined a room it was not in, its own room (its id)
    /// included when it connects. Handlers run synchronously, on the thread that changed the
    /// rooms, once the change is made; keep them short. A handler that throws is logged, and the
    /// handlers after it in the list do not run for that change.
    /// </summary>
    public event RoomMembershipHandler? RoomJoined;

    /// <summary>
    /// Raised after a socket of this server left a room it was in (one notification per room when
    /// it disconnects, its own room included). Runs as <see cref="RoomJoined"/> does.
    /// </summary>
    public event RoomMembershipHandler? RoomLeft;

    /// <summary>Whether anybody listens to <see cref="RoomJoined"/> or <see cref="RoomLeft"/>: an adapter need not record changes otherwise.</summary>
    protected bool HasRoomListeners => RoomJoined is not null || RoomLeft is not null;

    /// <summary>Raises <see cref="RoomJoined"/>; call it outside the adapter's own locks, after the change.</summary>
    protected void OnRoomJoined(string room, string socketId) => Raise(RoomJoined, room, socketId, nameof(RoomJoined));

    /// <summary>Raises <see cref="RoomLeft"/>; call it outside the adapter's own locks, after the change.</summary>
    protected void OnRoomLeft(string room, string socketId) => Raise(RoomLeft, room, socketId, nameof(RoomLeft));

    private void Raise(RoomMembershipHandler? handlers, string room, string socketId, string hook)
    {
        if (handlers is null)
        {
            return;
        }

        try
        {
            handlers(room, socketId);
        }
        catch (Exception exception)
        {
            Namespace.Server.Log.HookFailed(exception, hook, Namespace.Name);
        }
    }
}
