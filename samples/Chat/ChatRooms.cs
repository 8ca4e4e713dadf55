namespace TypedSocketIO.Samples.Chat;

/// <summary>
/// Who is in which room, for the room list every page shows; a singleton shared by every socket.
/// Each change gets a version number, so that a page can ignore a list older than the one it has
/// (handlers of different sockets run concurrently, and their broadcasts may cross).
/// </summary>
public sealed class ChatRooms
{
    /// <summary>The room that is always listed, even empty.</summary>
    public const string Lobby = "lobby";

    /// <summary>The most rooms a list names: the occupied ones first.</summary>
    public const int Listed = 100;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, string>> _members = []; // room → socket id → nickname
    private long _version;

    /// <summary>Records that the socket is in the room; false if it already was.</summary>
    public bool Enter(string room, string socketId, string nickname)
    {
        lock (_lock)
        {
            if (!_members.TryGetValue(room, out var members))
            {
                members = [];
                _members[room] = members;
            }

            if (!members.TryAdd(socketId, nickname))
            {
                return false;
            }

            _version++;
            return true;
        }
    }

    /// <summary>Records that the socket left the room; false if it was not in it.</summary>
    public bool Leave(string room, string socketId)
    {
        lock (_lock)
        {
            if (!_members.TryGetValue(room, out var members) || !members.Remove(socketId))
            {
                return false;
            }

            if (members.Count == 0)
            {
                _members.Remove(room);
            }

            _version++;
            return true;
        }
    }

    /// <summary>
    /// The lobby, then the occupied rooms and the <paramref name="known"/> ones (those with history),
    /// by name, at most <see cref="Listed"/> in all (the occupied ones first); each with its members.
    /// </summary>
    public RoomDirectory Snapshot(IEnumerable<string> known)
    {
        lock (_lock)
        {
            var others = _members.Keys.Where(room => room != Lobby)
                .OrderByDescending(room => _members[room].Count)
                .Concat(known.Where(room => room != Lobby && !_members.ContainsKey(room)))
                .Take(Listed - 1)
                .Order(StringComparer.Ordinal);
            return new RoomDirectory(_version, [.. others.Prepend(Lobby).Select(Summary)]);
        }
    }

    private RoomSummary Summary(string room) =>
        new(room, _members.TryGetValue(room, out var members)
            ? [.. members.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]
            : []);
}

/// <summary>The room list at one version.</summary>
public sealed record RoomDirectory(long Version, RoomSummary[] Rooms);

/// <summary>A room and who is in it (each nickname once, in order).</summary>
public sealed record RoomSummary(string Name, string[] Members);
