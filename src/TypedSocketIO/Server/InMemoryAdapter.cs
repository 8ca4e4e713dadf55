using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>The default adapter: rooms in memory, broadcasts to this server's sockets only.</summary>
public sealed class InMemoryAdapter : SocketIOAdapter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<string>> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _socketRooms = new(StringComparer.Ordinal);

    /// <summary>Creates the adapter of <paramref name="ns"/>.</summary>
    public InMemoryAdapter(ServerNamespace ns)
        : base(ns)
    {
    }

    /// <summary>The number of rooms (sockets' own rooms included).</summary>
    public int RoomCount
    {
        get
        {
            lock (_lock)
            {
                return _rooms.Count;
            }
        }
    }

    /// <inheritdoc/>
    public override ValueTask AddAllAsync(string socketId, IEnumerable<string> rooms)
    {
        lock (_lock)
        {
            if (!_socketRooms.TryGetValue(socketId, out var own))
            {
                own = new HashSet<string>(StringComparer.Ordinal);
                _socketRooms[socketId] = own;
            }

            foreach (var room in rooms)
            {
                own.Add(room);
                if (!_rooms.TryGetValue(room, out var members))
                {
                    members = new HashSet<string>(StringComparer.Ordinal);
                    _rooms[room] = members;
                }

                members.Add(socketId);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override ValueTask DelAsync(string socketId, string room)
    {
        lock (_lock)
        {
            if (_socketRooms.TryGetValue(socketId, out var own))
            {
                own.Remove(room);
            }

            RemoveMember(room, socketId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override ValueTask DelAllAsync(string socketId)
    {
        lock (_lock)
        {
            if (_socketRooms.Remove(socketId, out var own))
            {
                foreach (var room in own)
                {
                    RemoveMember(room, socketId);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private void RemoveMember(string room, string socketId)
    {
        if (_rooms.TryGetValue(room, out var members) && members.Remove(socketId) && members.Count == 0)
        {
            _rooms.Remove(room);
        }
    }

    /// <inheritdoc/>
    public override ValueTask BroadcastAsync(OutgoingPacket packet, BroadcastOptions options)
    {
        var targets = TargetList.Rent();
        try
        {
            Select(options, targets.Sockets);
            foreach (var socket in targets.Sockets)
            {
                socket.Send(packet, options.Volatile);
            }
        }
        finally
        {
            targets.Return();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override ValueTask BroadcastWithAckAsync(OutgoingPacket packet, long ackId, BroadcastOptions options, Action<int> onTargets, IAckCollector collector)
    {
        var targets = TargetList.Rent();
        try
        {
            Select(options, targets.Sockets);
            onTargets(targets.Sockets.Count);
            foreach (var socket in targets.Sockets)
            {
                socket.RegisterAck(ackId, collector);
                socket.Send(packet, options.Volatile);
            }
        }
        finally
        {
            targets.Return();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override IReadOnlySet<string>? SocketRooms(string socketId)
    {
        lock (_lock)
        {
            return _socketRooms.TryGetValue(socketId, out var own) ? new HashSet<string>(own, StringComparer.Ordinal) : null;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<IReadOnlyCollection<string>> SocketsAsync(IReadOnlySet<string> rooms)
    {
        var sockets = new List<Socket>();
        Select(new BroadcastOptions { Rooms = rooms }, sockets);
        return ValueTask.FromResult<IReadOnlyCollection<string>>(sockets.ConvertAll(socket => socket.Id));
    }

    /// <inheritdoc/>
    public override ValueTask<IReadOnlyList<Socket>> FetchSocketsAsync(BroadcastOptions options)
    {
        var sockets = new List<Socket>();
        Select(options, sockets);
        return ValueTask.FromResult<IReadOnlyList<Socket>>(sockets);
    }

    /// <inheritdoc/>
    public override async ValueTask AddSocketsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms)
    {
        foreach (var socket in await FetchSocketsAsync(options).ConfigureAwait(false))
        {
            await socket.JoinAsync(rooms).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DelSocketsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms)
    {
        foreach (var socket in await FetchSocketsAsync(options).ConfigureAwait(false))
        {
            foreach (var room in rooms)
            {
                await socket.LeaveAsync(room).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisconnectSocketsAsync(BroadcastOptions options, bool close)
    {
        foreach (var socket in await FetchSocketsAsync(options).ConfigureAwait(false))
        {
            await socket.DisconnectAsync(close).ConfigureAwait(false);
        }
    }

    /// <summary>Collects the connected local sockets the options select, each once.</summary>
    private void Select(BroadcastOptions options, List<Socket> into)
    {
        var sockets = Namespace.SocketsById;
        lock (_lock)
        {
            if (options.Rooms.Count == 0)
            {
                foreach (var (id, socket) in sockets)
                {
                    if (!IsExcluded(id, options.Except))
                    {
                        into.Add(socket);
                    }
                }

                return;
            }

            if (options.Rooms.Count == 1)
            {
                foreach (var room in options.Rooms)
                {
                    AddMembers(room, options.Except, sockets, into, seen: null);
                }

                return;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var room in options.Rooms)
            {
                AddMembers(room, options.Except, sockets, into, seen);
            }
        }
    }

    private void AddMembers(string room, IReadOnlySet<string> except, IReadOnlyDictionary<string, Socket> sockets, List<Socket> into, HashSet<string>? seen)
    {
        if (!_rooms.TryGetValue(room, out var members))
        {
            return;
        }

        foreach (var id in members)
        {
            if ((seen is null || seen.Add(id)) && !IsExcluded(id, except) && sockets.TryGetValue(id, out var socket))
            {
                into.Add(socket);
            }
        }
    }

    private bool IsExcluded(string socketId, IReadOnlySet<string> except)
    {
        if (except.Count == 0)
        {
            return false;
        }

        if (!_socketRooms.TryGetValue(socketId, out var own))
        {
            return except.Contains(socketId);
        }

        foreach (var room in except)
        {
            if (own.Contains(room))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A per-thread reusable list of targets, so a broadcast allocates no list of its own.</summary>
    private sealed class TargetList
    {
        [ThreadStatic]
        private static TargetList? s_cached;

        public List<Socket> Sockets { get; } = new(64);

        public static TargetList Rent()
        {
            var list = s_cached ?? new TargetList();
            s_cached = null;
            return list;
        }

        public void Return()
        {
            Sockets.Clear();
            if (Sockets.Capacity <= 16 * 1024)
            {
                s_cached = this;
            }
        }
    }
}
