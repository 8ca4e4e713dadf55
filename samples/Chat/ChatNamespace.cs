namespace TypedSocketIO.Samples.Chat;

/// <summary>
/// The chat: nicknames from the CONNECT auth, rooms, messages acknowledged with their
/// sequence number, and typing indicators.
/// </summary>
[SocketIONamespace("/chat")]
public sealed partial class ChatNamespace(ChatHistory history) : Namespace<IChatClient>
{
    /// <summary>Accepts a client that brings a nickname.</summary>
    public bool on_connect(Socket socket, LoginAuth auth)
    {
        if (string.IsNullOrWhiteSpace(auth.Nickname) || auth.Nickname.Length > 32)
        {
            throw new ConnectionRefusedException("nickname required", new LoginProblem("Pick a nickname of 1 to 32 characters."));
        }

        socket.SetData(new ChatUser(auth.Nickname.Trim()));
        return true;
    }

    /// <summary>Enters a room; the answer is the room's recent messages.</summary>
    public async ValueTask<ChatMessage[]> on_join(Socket socket, string room)
    {
        await socket.JoinAsync(room);
        await To(room).Except(socket).UserJoined(NicknameOf(socket), room);
        return history.Recent(room);
    }

    /// <summary>Leaves a room.</summary>
    public async ValueTask on_leave(Socket socket, string room)
    {
        await socket.LeaveAsync(room);
        await To(room).UserLeft(NicknameOf(socket), room);
    }

    /// <summary>Posts a message; the answer (the client's callback) is its sequence number.</summary>
    public long on_send(Socket socket, string room, string text)
    {
        var message = history.Append(room, NicknameOf(socket), text);
        _ = To(room).Message(message);
        return message.Sequence;
    }

    /// <summary>Tells the others in the room that this client is typing.</summary>
    public ValueTask OnTyping(Socket socket, string room, bool isTyping = true) =>
        To(room).Except(socket).Typing(NicknameOf(socket), isTyping);

    /// <summary>Tells the client's rooms that it left.</summary>
    public async ValueTask on_disconnecting(Socket socket, DisconnectReason reason)
    {
        foreach (var room in socket.Rooms.Where(room => room != socket.Id))
        {
            await To(room).Except(socket).UserLeft(NicknameOf(socket), room);
        }
    }

    private static string NicknameOf(Socket socket) => socket.GetData<ChatUser>()?.Nickname ?? "?";
}

/// <summary>Who a socket is.</summary>
public sealed record ChatUser(string Nickname);

/// <summary>The data sent with a refused login.</summary>
public sealed record LoginProblem(string Hint);
