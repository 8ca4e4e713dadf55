namespace TypedSocketIO;

/// <summary>Event names the protocol keeps for itself; they are never dispatched or emitted as user events.</summary>
internal static class ReservedEvents
{
    public static bool IsReserved(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("connect"u8) || name.SequenceEqual("connect_error"u8) || name.SequenceEqual("disconnect"u8)
        || name.SequenceEqual("disconnecting"u8) || name.SequenceEqual("newListener"u8) || name.SequenceEqual("removeListener"u8);

    public static bool IsReserved(string name) =>
        name is "connect" or "connect_error" or "disconnect" or "disconnecting" or "newListener" or "removeListener";

    public static void ThrowIfReserved(string name)
    {
        if (IsReserved(name))
        {
            throw new ArgumentException($"\"{name}\" is a reserved event name.", nameof(name));
        }
    }
}
