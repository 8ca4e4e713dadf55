namespace TypedSocketIO.Dispatch;

/// <summary>
/// An event's arguments do not fit the handler's parameters (a missing argument, or one of the
/// wrong JSON type). The handler is not called; the server logs this and the client gets no ack.
/// </summary>
public sealed class ArgumentBindingException : Exception
{
    /// <summary>Creates the exception for argument <paramref name="index"/> (zero-based).</summary>
    public ArgumentBindingException(int index, string expected, string? actual = null, Exception? inner = null)
        : base(actual is null
            ? $"Argument {index + 1} is missing; expected {expected}."
            : $"Argument {index + 1} is {actual}; expected {expected}.", inner)
    {
        Index = index;
    }

    /// <summary>The zero-based position of the offending argument.</summary>
    public int Index { get; }
}
