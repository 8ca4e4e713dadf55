namespace TypedSocketIO.Generators.Model;

/// <summary>An event handler method of a namespace.</summary>
/// <param name="EventName">The event it handles.</param>
/// <param name="MethodName">The C# method.</param>
/// <param name="TakesSocket">Whether its first parameter is the <c>Socket</c>.</param>
/// <param name="Parameters">The event's arguments, in order.</param>
/// <param name="TakesCancellationToken">Whether its last parameter is a <c>CancellationToken</c>.</param>
/// <param name="Return">How it returns.</param>
/// <param name="AckValues">The values its result sends as the ack (several for a tuple; empty when it returns nothing).</param>
/// <param name="Authorization">The <c>[Authorize]</c> attributes checked before each call; empty to call it directly.</param>
internal sealed record HandlerSpec(
    string EventName,
    string MethodName,
    bool TakesSocket,
    EquatableArray<ParameterSpec> Parameters,
    bool TakesCancellationToken,
    ReturnKind Return,
    string? ResultType,
    EquatableArray<ValueSpec> AckValues,
    EquatableArray<AuthorizeSpec> Authorization);
