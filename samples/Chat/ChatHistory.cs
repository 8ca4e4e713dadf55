namespace TypedSocketIO.Samples.Chat;

/// <summary>The last messages of each room, in memory; a singleton shared by every socket.</summary>
public sealed class ChatHistory(TimeProvider clock)
{
    private const int Kept = 50;
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
}
