namespace TypedSocketIO;

/// <summary>
/// A broadcast with acknowledgements ended before every target answered: the timeout passed, or
/// targets disconnected before answering (<see cref="Disconnected"/>; the wait then ends as soon as
/// every target still connected has answered, as Node's broadcast would fail at its timeout).
/// </summary>
public sealed class BroadcastAckTimeoutException : TimeoutException
{
    /// <summary>Creates the exception with the answers that did arrive.</summary>
    public BroadcastAckTimeoutException(IReadOnlyList<EventArguments> responses, int expected)
        : this(responses, expected, 0)
    {
    }

    /// <summary>Creates the exception with the answers that did arrive and how many targets left without answering.</summary>
    public BroadcastAckTimeoutException(IReadOnlyList<EventArguments> responses, int expected, int disconnected)
        : base(disconnected == 0
            ? $"Broadcast timed out with {responses.Count} of {expected} acknowledgements."
            : $"Broadcast ended with {responses.Count} of {expected} acknowledgements: {disconnected} target(s) disconnected before answering.")
    {
        Responses = responses;
        Expected = expected;
        Disconnected = disconnected;
    }

    /// <summary>The answers that arrived before the timeout.</summary>
    public IReadOnlyList<EventArguments> Responses { get; }

    /// <summary>How many answers were expected.</summary>
    public int Expected { get; }

    /// <summary>How many targets disconnected before answering.</summary>
    public int Disconnected { get; }
}
