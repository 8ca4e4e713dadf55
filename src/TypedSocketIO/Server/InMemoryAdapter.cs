using TypedSocketIO.Dispatch;

namespace TypedSocketIO;

/// <summary>The default adapter: rooms in memory, broadcasts to this server's sockets only.</summary>
public sealed class InMemoryAdapter : SocketIOAdapter
{
    private readonly Lock _lock = new();

    // A socket's own room (its id) is implicit: _inOwnRoom lists the sockets in it, so that the
    // common socket, in no other room, costs one set entry rather than two sets.
    private readonly HashSet<string> _inOwnRoom = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _joinedRooms = new(StringComparer.Ordinal);

    /// <summary>Creates the adapter of <paramref name="ns"/>.</summary>
    public InMemoryAdapter(ServerNamespace ns)
        : base(ns)
    {
    }

    /// <summary>The number of rooms (sockets' own rooms included).</summary>
    internal int RoomCount
    {
        get
        {
            lock (_lock)
            {
                return _rooms.Count + _inOwnRoom.Count;
            }
        }
    }

    /// <inheritdoc/>
    public override ValueTask AddToRoomsAsync(string socketId, IEnumerable<string> rooms)
    {
        var joinedNow = HasRoomListeners ? new List<string>() : null; // raised once the lock is released
        lock (_lock)
        {
            foreach (var room in rooms)
            {
                if (room == socketId)
                {
                    if (_inOwnRoom.Add(socketId))
                    {
                        joinedNow?.Add(room);
                    }

                    continue;
                }

                if (!_joinedRooms.TryGetValue(socketId, out var joined))
                {
                    joined = new HashSet<string>(StringComparer.Ordinal);
                    _joinedRooms[socketId] = joined;
                }

                if (joined.Add(room))
                {
                    joinedNow?.Add(room);
                }

                if (!_rooms.TryGetValue(room, out var members))
                {
                    members = new HashSet<string>(StringComparer.Ordinal);
                    _rooms[room] = members;
                }

                members.Add(socketId);
            }
        }

        if (joinedNow is not null)
        {
            foreach (var room in joinedNow)
            {
                OnRoomJoined(room, socketId);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override ValueTask RemoveFromRoomAsync(string socketId, string room)
    {
        var left = false;
        lock (_lock)
        {
            if (room == socketId)
            {
                left = _inOwnRoom.Remove(socketId);
            }
            else if (_joinedRooms.TryGetValue(socketId, out var joined) && joined.Remove(room))
            {
                left = true;
                RemoveMember(room, socketId);
                if (joined.Count == 0)
                {
                    _joinedRooms.Remove(socketId);
                }
            }
        }

        if (left)
        {
            OnRoomLeft(room, socketId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override ValueTask RemoveFromAllRoomsAsync(string socketId)
    {
        bool leftOwnRoom;
        HashSet<string>? joined;
        lock (_lock)
        {
            leftOwnRoom = _inOwnRoom.Remove(socketId);
            if (_joinedRooms.Remove(socketId, out joined))
            {
                foreach (var room in joined)
                {
                    RemoveMember(room, socketId);
                }
            }
        }

        RaiseLeftAll(socketId, leftOwnRoom, joined);
        return ValueTask.CompletedTask;
    }

    /// <summary>Tells the listeners of every room a leaving socket was in, its own room first (as it joined it first).</summary>
    private void RaiseLeftAll(string socketId, bool leftOwnRoom, HashSet<string>? joined)
    {
        if (!HasRoomListeners)
        {
            return;
        }

        if (leftOwnRoom)
        {
            OnRoomLeft(socketId, socketId);
        }

        if (joined is not null)
        {
            foreach (var room in joined)
            {
                OnRoomLeft(room, socketId);
            }
        }
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
            // Queued under the lock a leave takes too: a socket whose leave was acknowledged is
            // never sent a broadcast that chose it before it left.
            lock (_lock)
            {
                SelectLocked(options, targets.Sockets);
                Namespace.Server.Metrics.Broadcast(Namespace.Name, targets.Sockets.Count);
                foreach (var socket in targets.Sockets)
                {
                    socket.Send(packet, options.Volatile);
                }
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
            lock (_lock) // as BroadcastAsync
            {
                SelectLocked(options, targets.Sockets);
                Namespace.Server.Metrics.Broadcast(Namespace.Name, targets.Sockets.Count);
                onTargets(targets.Sockets.Count);
                foreach (var socket in targets.Sockets)
                {
                    socket.RegisterAck(ackId, collector);
                    socket.Send(packet, options.Volatile);
                }
            }
        }
        finally
        {
            targets.Return();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override IReadOnlySet<string>? GetRoomsOf(string socketId)
    {
        lock (_lock)
        {
            var inOwnRoom = _inOwnRoom.Contains(socketId);
            var hasJoined = _joinedRooms.TryGetValue(socketId, out var joined);
            if (!inOwnRoom && !hasJoined)
            {
                return null;
            }

            var rooms = hasJoined ? new HashSet<string>(joined!, StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);
            if (inOwnRoom)
            {
                rooms.Add(socketId);
            }

            return rooms;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<IReadOnlyCollection<string>> GetSocketIdsAsync(IReadOnlySet<string> rooms)
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
    public override async ValueTask AddSocketsToRoomsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms)
    {
        foreach (var socket in await FetchSocketsAsync(options).ConfigureAwait(false))
        {
            await socket.JoinAsync(rooms).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask RemoveSocketsFromRoomsAsync(BroadcastOptions options, IReadOnlyCollection<string> rooms)
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
        lock (_lock)
        {
            SelectLocked(options, into);
        }
    }

    /// <summary><see cref="Select"/>, for a caller that holds the lock.</summary>
    private void SelectLocked(BroadcastOptions options, List<Socket> into)
    {
        var sockets = Namespace.SocketsById;
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

    private void AddMembers(string room, IReadOnlySet<string> except, IReadOnlyDictionary<string, Socket> sockets, List<Socket> into, HashSet<string>? seen)
    {
        if (_inOwnRoom.Contains(room))
        {
            // The room is a socket's own id.
            if ((seen is null || seen.Add(room)) && !IsExcluded(room, except) && sockets.TryGetValue(room, out var owner))
            {
                into.Add(owner);
            }
        }

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

    /// <summary>Whether the socket is in any of the excluded rooms (its own id included).</summary>
    private bool IsExcluded(string socketId, IReadOnlySet<string> except)
    {
        if (except.Count == 0)
        {
            return false;
        }

        if (except.Contains(socketId) && _inOwnRoom.Contains(socketId))
        {
            return true;
        }

        if (_joinedRooms.TryGetValue(socketId, out var joined))
        {
            foreach (var room in joined)
            {
                if (except.Contains(room))
                {
                    return true;
                }
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
