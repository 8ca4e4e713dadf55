namespace TypedSocketIO.Generators.Model;

/// <summary>A connect, disconnecting or disconnect handler.</summary>
/// <param name="MethodName">The C# method.</param>
/// <param name="TakesSocket">Whether it takes the socket.</param>
/// <param name="Extra">The connect auth value, or null; for disconnect handlers, unused.</param>
/// <param name="TakesReason">Disconnect handlers: whether it takes the <c>DisconnectReason</c>.</param>
/// <param name="TakesCancellationToken">Whether it takes a <c>CancellationToken</c>.</param>
/// <param name="Return">How it returns.</param>
/// <param name="ReturnsBool">Connect handlers: whether the result says accept (true) or refuse (false).</param>
internal sealed record LifecycleSpec(
    string MethodName,
    bool TakesSocket,
    ValueSpec? Extra,
    bool TakesReason,
    bool TakesCancellationToken,
    ReturnKind Return,
    bool ReturnsBool);
