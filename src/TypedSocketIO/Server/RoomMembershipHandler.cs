namespace TypedSocketIO;

/// <summary>Handles a change of a socket's rooms (<see cref="SocketIOAdapter.RoomJoined"/>, <see cref="SocketIOAdapter.RoomLeft"/>).</summary>
/// <param name="room">The room joined or left (a socket's own room is its id).</param>
/// <param name="socketId">The socket that joined or left it.</param>
public delegate void RoomMembershipHandler(string room, string socketId);
