namespace TypedSocketIO.Samples.Chat;

/// <summary>
/// The last messages of each room, in memory; a singleton shared by every socket. Bounded: at most
/// <see cref="Kept"/> messages a room and <see cref="RoomsKept"/> rooms (the quietest one goes).
/// </summary>
public sealed class ChatHistory(TimeProvider clock)
{
    /// <summary>Messages kept per room.</summary>
    public const int Kept = 50;

    /// <summary>Rooms kept; a message to a new room beyond this forgets the room whose last message is the oldest.</summary>
    public const int RoomsKept = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<ChatMessage>> _rooms = [];
    private long _sequence;

    /// <summary>Records a message and gives it the next sequence number.</summary>
    public ChatMessage Append(string room, string nickname, string text)
    {
        lock (_lock)
        {
            var message = new ChatMessage(room, nickname, text, ++_sequence, clock.GetUtcNow());
            if (!_rooms.TryGetValue(room, out var messages))
            {
                if (_rooms.Count == RoomsKept)
                {
                    _rooms.Remove(_rooms.MinBy(pair => pair.Value.Last().Sequence).Key);
                }

                messages = new Queue<ChatMessage>();
                _rooms[room] = messages;
            }

            messages.Enqueue(message);
            if (messages.Count > Kept)
            {
                messages.Dequeue();
            }

            return message;
        }
    }

    /// <summary>The room's recent messages, oldest first.</summary>
    public ChatMessage[] Recent(string room)
    {
        lock (_lock)
        {
            return _rooms.TryGetValue(room, out var messages) ? [.. messages] : [];
        }
    }

    /// <summary>The rooms that have messages, the most recently active first.</summary>
    public string[] Rooms()
    {
        lock (_lock)
        {
            return [.. _rooms.OrderByDescending(pair => pair.Value.Last().Sequence).Select(pair => pair.Key)];
        }
    }
}
