namespace TypedSocketIO;

/// <summary>Where a <see cref="Socket"/> is in its life; it only moves forward.</summary>
internal enum SocketState
{
    /// <summary>Its CONNECT is being handled (middleware and connect handlers run); emits wait for the answer.</summary>
    Connecting,

    /// <summary>Connected: emits go out.</summary>
    Connected,

    /// <summary>Refused, or left the namespace: emits are dropped.</summary>
    Disconnected,
}
