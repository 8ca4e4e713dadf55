using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TypedSocketIO.Dispatch;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// A custom adapter, plugged in with <see cref="SocketIOOptions.AdapterFactory"/>: it keeps rooms
/// and delivers through an <see cref="InMemoryAdapter"/> and records every call it gets, with the
/// options and packet it was given, so a test sees what reaches an adapter (a cluster adapter
/// would forward exactly this).
/// </summary>
public sealed class RecordingAdapter : SocketIOAdapter
{
    private readonly InMemoryAdapter _inner;

    public RecordingAdapter(ServerNamespace ns)
        : base(ns)
    {
        _inner = new InMemoryAdapter(ns);
    }

    /// <summary>One call: the method's name, its selection (room operations) and its packet or rooms, as text.</summary>
    public sealed record Call(string Method, BroadcastOptions? Options = null, string? Detail = null);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>What <see cref="CheckHealthAsync"/> answers (healthy unless a test says otherwise).</summary>
    public HealthCheckResult Health { get; set; } = HealthCheckResult.Healthy();

    /// <summary>The rooms the adapter keeps (sockets' own rooms included).</summary>
    public int InnerRoomCount => _inner.RoomCount;

    /// <summary>The calls of <paramref name="method"/> so far.</summary>
    public Call[] CallsOf(string method) => [.. Calls.Where(call => call.Method == method)];

    public override ValueTask InitAsync() => Record(new(nameof(InitAsync)), ValueTask.CompletedTask);

    public override ValueTask CloseAsync() => Record(new(nameof(CloseAsync)), ValueTask.CompletedTask);

    public override ValueTask AddToRoomsAsync(string socketId, IEnumerable<string> rooms)
    {
        var list = rooms.ToArray();
        return Record(new(nameof(AddToRoomsAsync), Detail: $"{socketId}:{string.Join(",", list)}"), _inner.AddToRoomsAsync(socketId, list));
    }

    public override ValueTask RemoveFromRoomAsync(string socketId, string room) =>
        Record(new(nameof(RemoveFromRoomAsync), Detail: $"{socketId}:{room}"), _inner.RemoveFromRoomAsync(socketId, room));

    public override ValueTask RemoveFromAllRoomsAsync(string socketId) =>
        Record(new(nameof(RemoveFromAllRoomsAsync), Detail: socketId), _inner.RemoveFromAllRoomsAsync(socketId));

    public override ValueTask BroadcastAsync(OutgoingPacket packet, BroadcastOptions options) =>
        Record(new(nameof(BroadcastAsync), options, packet.ToString()), _inner.BroadcastAsync(packet, options));

    public override ValueTask BroadcastWithAckAsync(OutgoingPacket packet, long ackId, BroadcastOptions options, Action<int> onTargets, IAckCollector collector) =>
        Record(new(nameof(BroadcastWithAckAsync), options, packet.ToString()), _inner.BroadcastWithAckAsync(packet, ackId, options, onTargets, collector));

    public override ValueTask<HealthCheckResult> CheckHealthAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Health);

    public override IReadOnlySet<string>? GetRoomsOf(string socketId) => _inner.GetRoomsOf(socketId);

    public override ValueTask<IReadOnlyCollection<string>> GetSocketIdsAsync(IReadOnlySet<string> rooms)
    {
        Calls.Enqueue(new(nameof(GetSocketIdsAsync), Detail: string.Join(",", rooms.Order(StringComparer.Ordinal))));
        return _inner.GetSocketIdsAsync(rooms);
    }

    public override ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync(BroadcastOptions options)
    {
        Calls.Enqueue(new(nameof(FetchSocketsAsync), options));
        return _inner.FetchSocketsAsync(options);
    }

    public override ValueTask AddSocketsToRoomsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms) =>
        Record(new(nameof(AddSocketsToRoomsAsync), options, string.Join(",", rooms)), _inner.AddSocketsToRoomsAsync(options, rooms));

    public override ValueTask RemoveSocketsFromRoomsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms) =>
        Record(new(nameof(RemoveSocketsFromRoomsAsync), options, string.Join(",", rooms)), _inner.RemoveSocketsFromRoomsAsync(options, rooms));

    public override ValueTask DisconnectSocketsAsync(BroadcastOptions options, bool close) =>
        Record(new(nameof(DisconnectSocketsAsync), options, close ? "close" : "namespace"), _inner.DisconnectSocketsAsync(options, close));

    public override ValueTask ServerSideEmitAsync(OutgoingPacket packet) =>
        Record(new(nameof(ServerSideEmitAsync), Detail: packet.ToString()), ValueTask.CompletedTask);

    private ValueTask Record(Call call, ValueTask inner)
    {
        Calls.Enqueue(call);
        return inner;
    }
}
