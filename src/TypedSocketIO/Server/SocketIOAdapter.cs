using Microsoft.Extensions.Diagnostics.HealthChecks;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>
/// Keeps a namespace's rooms and carries its broadcasts. Every room and broadcast operation
/// goes through it, so that a cluster adapter (Redis) can forward them to other servers; the
/// default keeps everything in memory. The shape follows Node socket.io's adapter.
/// </summary>
public abstract partial class SocketIOAdapter
{
    /// <summary>Creates the adapter of <paramref name="ns"/>.</summary>
    protected SocketIOAdapter(ServerNamespace ns)
    {
        Namespace = ns;
    }

    /// <summary>The namespace served.</summary>
    public ServerNamespace Namespace { get; }

    /// <summary>Called once before the namespace accepts sockets.</summary>
    public virtual ValueTask InitAsync() => ValueTask.CompletedTask;

    /// <summary>Called when the server stops.</summary>
    public virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    /// <summary>Adds a socket to rooms.</summary>
    public abstract ValueTask AddToRoomsAsync(string socketId, IEnumerable<string> rooms);

    /// <summary>Removes a socket from a room.</summary>
    public abstract ValueTask RemoveFromRoomAsync(string socketId, string room);

    /// <summary>Removes a socket from every room (it is leaving).</summary>
    public abstract ValueTask RemoveFromAllRoomsAsync(string socketId);

    /// <summary>Sends an encoded packet to every socket the options select.</summary>
    public abstract ValueTask BroadcastAsync(OutgoingPacket packet, BroadcastOptions options);

    /// <summary>
    /// Sends a packet that asks for acknowledgements: <paramref name="onTargets"/> is told how many
    /// sockets were reached (once per server), and each answer goes to <paramref name="collector"/>.
    /// </summary>
    public abstract ValueTask BroadcastWithAckAsync(OutgoingPacket packet, long ackId, BroadcastOptions options, Action<int> onTargets, IAckCollector collector);

    /// <summary>The rooms of a local socket, or null if it has none here.</summary>
    public abstract IReadOnlySet<string>? GetRoomsOf(string socketId);

    /// <summary>The ids of the sockets in any of <paramref name="rooms"/> (all sockets when empty).</summary>
    public abstract ValueTask<IReadOnlyCollection<string>> GetSocketIdsAsync(IReadOnlySet<string> rooms);

    /// <summary>The sockets the options select (on a cluster, remote ones too).</summary>
    public abstract ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync(BroadcastOptions options);

    /// <summary>Makes the selected sockets join <paramref name="rooms"/>.</summary>
    public abstract ValueTask AddSocketsToRoomsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms);

    /// <summary>Makes the selected sockets leave <paramref name="rooms"/>.</summary>
    public abstract ValueTask RemoveSocketsFromRoomsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms);

    /// <summary>Disconnects the selected sockets (<paramref name="close"/>: their whole connection).</summary>
    public abstract ValueTask DisconnectSocketsAsync(BroadcastOptions options, bool close);

    /// <summary>Sends an event to the other servers of a cluster; a single server has none.</summary>
    public virtual ValueTask ServerSideEmitAsync(OutgoingPacket packet) => ValueTask.CompletedTask;

    /// <summary>
    /// Whether the adapter can carry its namespace's rooms and broadcasts now (a cluster adapter:
    /// whether its broker answers), for the <c>socketio.adapters</c> health check. Healthy by default.
    /// </summary>
    public virtual ValueTask<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(HealthCheckResult.Healthy());
}
