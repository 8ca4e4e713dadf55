namespace TypedSocketIO.Samples.Chat;

/// <summary>
/// The chat: nicknames from the CONNECT auth, rooms with their recent history, a room list that
/// every page keeps up to date, messages acknowledged with their sequence number, and typing
/// indicators. Only a member of a room can post or type in it.
/// </summary>
[SocketIONamespace("/chat")]
public sealed partial class ChatNamespace(ChatHistory history, ChatRooms rooms) : Namespace<IChatClient>
{
    /// <summary>The longest nickname.</summary>
    public const int MaxNickname = 32;

    /// <summary>The longest room name.</summary>
    public const int MaxRoomName = 64;

    /// <summary>The longest message.</summary>
    public const int MaxText = 2000;

    /// <summary>Accepts a client that brings a nickname.</summary>
    public bool on_connect(Socket socket, LoginAuth auth)
    {
        if (string.IsNullOrWhiteSpace(auth.Nickname) || auth.Nickname.Length > MaxNickname)
        {
            throw new ConnectionRefusedException("nickname required", new LoginProblem($"Pick a nickname of 1 to {MaxNickname} characters."));
        }

        socket.SetData(new ChatUser(auth.Nickname.Trim()));
        return true;
    }

    /// <summary>The room list (the same that <see cref="IChatClient.RoomList"/> later brings).</summary>
    public RoomDirectory on_rooms() => RoomList();

    /// <summary>Enters a room; the answer is the room's recent messages.</summary>
    public async ValueTask<ChatMessage[]> on_join(Socket socket, string room)
    {
        if (string.IsNullOrWhiteSpace(room) || room.Length > MaxRoomName)
        {
            // The page never sends such a name; a hand-made client gets no answer (and a log line).
            throw new ArgumentException($"A room name has 1 to {MaxRoomName} characters, not all blank.", nameof(room));
        }

        await socket.JoinAsync(room);
        if (rooms.Enter(room, socket.Id, NicknameOf(socket)))
        {
            await To(room).Except(socket).UserJoined(NicknameOf(socket), room);
            await All.RoomList(RoomList());
        }

        return history.Recent(room);
    }

    /// <summary>Leaves a room.</summary>
    public async ValueTask on_leave(Socket socket, string room)
    {
        await socket.LeaveAsync(room);
        if (rooms.Leave(room, socket.Id))
        {
            await To(room).UserLeft(NicknameOf(socket), room);
            await All.RoomList(RoomList());
        }
    }

    /// <summary>
    /// Posts a message; the answer (the client's callback) is its sequence number, or null when the
    /// sender is not in the room or the text is blank or longer than <see cref="MaxText"/>.
    /// </summary>
    public long? on_send(Socket socket, string room, string text)
    {
        if (!socket.Rooms.Contains(room) || string.IsNullOrWhiteSpace(text) || text.Length > MaxText)
        {
            return null;
        }

        var message = history.Append(room, NicknameOf(socket), text);
        _ = To(room).Message(message);
        return message.Sequence;
    }

    /// <summary>Tells the others in the room that this client is typing (or stopped).</summary>
    public ValueTask OnTyping(Socket socket, string room, bool isTyping = true) =>
        socket.Rooms.Contains(room)
            ? To(room).Except(socket).Typing(NicknameOf(socket), isTyping)
            : ValueTask.CompletedTask;

    /// <summary>Tells the client's rooms that it left, and everyone the new room list.</summary>
    public async ValueTask on_disconnecting(Socket socket, DisconnectReason reason)
    {
        var left = false;
        foreach (var room in socket.Rooms.Where(room => room != socket.Id))
        {
            left |= rooms.Leave(room, socket.Id);
            await To(room).Except(socket).UserLeft(NicknameOf(socket), room);
        }

        if (left)
        {
            await All.Except(socket).RoomList(RoomList());
        }
    }

    private RoomDirectory RoomList() => rooms.Snapshot(history.Rooms());

    private static string NicknameOf(Socket socket) => socket.GetData<ChatUser>()?.Nickname ?? "?";
}

/// <summary>Who a socket is.</summary>
public sealed record ChatUser(string Nickname);

/// <summary>The data sent with a refused login.</summary>
public sealed record LoginProblem(string Hint);
