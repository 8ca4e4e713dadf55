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

    /// <summary>The rooms and who is in each, sent to everyone whenever someone enters or leaves one.</summary>
    [Event("room_list")]
    ValueTask RoomList(RoomDirectory directory);

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
[JsonSerializable(typeof(RoomDirectory))]
[JsonSerializable(typeof(long?))]
public sealed partial class ChatJsonContext : JsonSerializerContext;
