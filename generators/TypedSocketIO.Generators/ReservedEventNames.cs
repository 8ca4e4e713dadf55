namespace TypedSocketIO;

/// <summary>
/// The event names Socket.IO keeps for itself: never dispatched to a handler, never emitted as a
/// user event. One list, compiled into the runtime, the generator and the analyzers alike, so it
/// uses nothing but the BCL.
/// </summary>
internal static class ReservedEventNames
{
    public static readonly string[] All = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"];

    public static bool Contains(string eventName) => System.Array.IndexOf(All, eventName) >= 0;
}
