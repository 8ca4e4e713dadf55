namespace TypedSocketIO.Generators.Tests.Infrastructure;

/// <summary>Test sources used by more than one test.</summary>
internal static class Sources
{
    /// <summary>samples/Chat/ChatContracts.cs and the ChatHistory it needs.</summary>
    public const string ChatContracts = """
        using System.Text.Json;
        using System.Text.Json.Serialization;

        namespace TypedSocketIO.Samples.Chat;

        /// <summary>The events the chat server sends to browsers.</summary>
        public interface IChatClient
        {
            /// <summary>A message posted to a room the client is in.</summary>
            ValueTask Message(ChatMessage message);

            /// <summary>Someone entered the client's room.</summary>
            [Event("user_joined")]
            ValueTask UserJoined(string nickname, string room);

            /// <summary>Someone left the client's room.</summary>
            [Event("user_left")]
            ValueTask UserLeft(string nickname, string room);

            /// <summary>Someone in the room is typing (or stopped).</summary>
            ValueTask Typing(string nickname, bool isTyping);

            /// <summary>Asks the client to confirm it is still there; the answer is its nickname.</summary>
            ValueTask<string> Ping();
        }

        /// <summary>One chat message.</summary>
        public sealed record ChatMessage(string Room, string Nickname, string Text, long Sequence, DateTimeOffset SentAt);

        /// <summary>What the browser sends with CONNECT.</summary>
        public sealed record LoginAuth(string? Nickname);

        /// <summary>The JSON contract of the chat, generated at compile time (NativeAOT needs it).</summary>
        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(ChatMessage))]
        [JsonSerializable(typeof(LoginAuth))]
        [JsonSerializable(typeof(string[]))]
        [JsonSerializable(typeof(ChatMessage[]))]
        [JsonSerializable(typeof(LoginProblem))]
        public sealed partial class ChatJsonContext : JsonSerializerContext;

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
        """;

    /// <summary>samples/Chat/ChatNamespace.cs.</summary>
    public const string ChatNamespace = """
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
        """;
}
