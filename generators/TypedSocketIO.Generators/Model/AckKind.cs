namespace TypedSocketIO.Generators.Model;

/// <summary>How a client method waits for the client's answer.</summary>
internal enum AckKind
{
    /// <summary>Returns <c>Task</c>/<c>ValueTask</c>: no ack.</summary>
    None,

    /// <summary>Returns <c>ValueTask&lt;T&gt;</c>: one socket's answer.</summary>
    Single,

    /// <summary>Returns <c>ValueTask&lt;IReadOnlyList&lt;T&gt;&gt;</c>: one answer per targeted socket.</summary>
    List,
}
