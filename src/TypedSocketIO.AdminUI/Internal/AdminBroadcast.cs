using Microsoft.Extensions.Logging;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.AdminUI.Internal;

/// <summary>Sends events to every admin socket (on a cluster, every server's), as Node's <c>adminNamespace.emit</c>.</summary>
internal sealed class AdminBroadcast(ServerNamespace admin, ILogger logger)
{
    private int _localSockets;

    /// <summary>
    /// Whether an event could reach anyone: with the in-memory adapter and no admin socket here,
    /// nothing needs encoding. A cluster adapter may have admin sockets elsewhere.
    /// </summary>
    public bool HasAudience => Volatile.Read(ref _localSockets) > 0 || admin.Adapter is not InMemoryAdapter;

    /// <summary>An admin socket is joining: from now on it must hear every event.</summary>
    public void OnAdminJoining() => Interlocked.Increment(ref _localSockets);

    public void OnAdminLeft() => Interlocked.Decrement(ref _localSockets);

    public void Send(OutgoingPacket packet)
    {
        var sending = admin.All.SendAsync(packet);
        if (!sending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(sending);
        }
    }

    private async Task ObserveAsync(ValueTask sending)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "An admin UI event could not be sent to {Namespace}.", admin.Name);
        }
    }
}
