namespace TypedSocketIO.Protocol;

/// <summary>
/// The bounds the decoder holds a peer's packets to. The defaults are here and only here: the
/// server's options and the JSON settings start from them.
/// </summary>
/// <param name="MaxAttachments">The most binary attachments a packet may declare.</param>
/// <param name="MaxDepth">The most nesting in a JSON payload, its outer array included.</param>
/// <param name="MaxArguments">The most arguments of an event (after its name) or values of an ack.</param>
internal readonly record struct SocketIOLimits(int MaxAttachments, int MaxDepth, int MaxArguments)
{
    public const int DefaultMaxAttachments = 10;

    public const int DefaultMaxDepth = 32;

    public const int DefaultMaxArguments = 1000;

    public static SocketIOLimits Default => new(DefaultMaxAttachments, DefaultMaxDepth, DefaultMaxArguments);
}
