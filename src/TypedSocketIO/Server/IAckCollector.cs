namespace TypedSocketIO;

/// <summary>Receives the acknowledgements of one broadcast.</summary>
public interface IAckCollector
{
    /// <summary>A socket answered.</summary>
    void OnAck(string socketId, EventArguments arguments);
}

/// <summary>A wait for answers that must hear when a target leaves: its answer can no longer come.</summary>
internal interface IPendingAck : IAckCollector
{
    /// <summary>The socket <paramref name="socketId"/> left (or was gone already) before answering.</summary>
    void OnTargetLeft(string socketId);
}
