using System.ComponentModel;
using System.Text.Json;

namespace TypedSocketIO.Dispatch;

/// <summary>
/// Where a generated client proxy sends its events: one socket, or a broadcast selection. The
/// operators (<see cref="To(string)"/>, <see cref="Except(string)"/>, ...) return new targets.
/// </summary>
/// <remarks>For generated code: the typed client proxies send through it. Hidden from IntelliSense; emit through the proxies.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EmitTarget
{
    private readonly Socket? _socket;
    private readonly BroadcastOperator? _broadcast;
    private readonly bool _volatile;
    private readonly TimeSpan? _timeout;

    private EmitTarget(ServerNamespace ns, Socket? socket, BroadcastOperator? broadcast, bool isVolatile, TimeSpan? timeout)
    {
        Namespace = ns;
        _socket = socket;
        _broadcast = broadcast;
        _volatile = isVolatile;
        _timeout = timeout;
    }

    /// <summary>Targets one socket.</summary>
    public static EmitTarget ForSocket(Socket socket) => new(socket.Namespace, socket, null, false, null);

    /// <summary>Targets a broadcast selection.</summary>
    public static EmitTarget ForBroadcast(BroadcastOperator broadcast) => new(broadcast.Namespace, null, broadcast, false, null);

    /// <summary>The namespace packets are encoded for.</summary>
    internal ServerNamespace Namespace { get; }

    /// <summary>The JSON settings arguments are written with.</summary>
    public JsonSerializerOptions JsonOptions => Namespace.Server.JsonOptions;

    /// <summary>Whether the target is one socket (an ack is one answer) rather than a broadcast.</summary>
    internal bool IsSingleSocket => _socket is not null;

    /// <summary>Adds a target room (a single socket becomes a broadcast that leaves it out, as Node's <c>socket.to</c>).</summary>
    public EmitTarget To(string room) => WithBroadcast(Selection.To(room));

    /// <summary>Leaves out the sockets in <paramref name="room"/>.</summary>
    public EmitTarget Except(string room) => WithBroadcast(Selection.Except(room));

    /// <summary>Leaves out <paramref name="socket"/>.</summary>
    public EmitTarget Except(Socket socket) => Except(socket.Id);

    /// <summary>Drops packets for clients that cannot take them right now.</summary>
    public EmitTarget Volatile => new(Namespace, _socket, _broadcast?.Volatile, true, _timeout);

    /// <summary>Reaches this server's sockets only.</summary>
    public EmitTarget Local => WithBroadcast(Selection.Local);

    /// <summary>How long emits with ack wait.</summary>
    public EmitTarget Timeout(TimeSpan timeout) => new(Namespace, _socket, _broadcast?.Timeout(timeout), _volatile, timeout);

    private BroadcastOperator Selection => _broadcast ?? _socket!.Broadcast;

    private EmitTarget WithBroadcast(BroadcastOperator broadcast) => new(Namespace, null, broadcast, _volatile, _timeout);

    /// <summary>Encodes and sends an event without ack.</summary>
    public ValueTask SendAsync(PacketBuilder packet)
    {
        var encoded = packet.Build(Namespace.Name);
        if (_socket is not null)
        {
            _socket.Send(encoded, _volatile);
            return ValueTask.CompletedTask;
        }

        return _broadcast!.SendAsync(encoded);
    }

    /// <summary>Encodes and sends an event to the one target socket, then waits for its answer.</summary>
    /// <exception cref="InvalidOperationException">The target is a broadcast (use <see cref="BroadcastWithAckAsync"/>).</exception>
    public Task<EventArguments> SendWithAckAsync(PacketBuilder packet, CancellationToken cancellationToken = default)
    {
        if (_socket is null)
        {
            throw new InvalidOperationException("A broadcast gathers one answer per socket: declare the method as returning ValueTask<IReadOnlyList<T>>.");
        }

        var ackId = Namespace.NextAckId();
        return _socket.SendWithAckAsync(packet.Build(Namespace.Name, ackId), ackId, _timeout ?? Namespace.Server.Options.AckTimeout, cancellationToken);
    }

    /// <summary>Encodes and sends an event to every target, then gathers one answer per socket.</summary>
    public Task<IReadOnlyList<EventArguments>> BroadcastWithAckAsync(PacketBuilder packet, CancellationToken cancellationToken = default)
    {
        var ackId = Namespace.NextAckId();
        var encoded = packet.Build(Namespace.Name, ackId);
        var selection = _broadcast ?? new BroadcastOperator(Namespace).To(_socket!.Id);
        return selection.SendWithAckAsync(encoded, ackId, cancellationToken);
    }
}
