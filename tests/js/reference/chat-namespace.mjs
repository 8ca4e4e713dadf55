// Namespace /chat of the reference server: the Chat sample's namespace
// (samples/Chat/ChatNamespace.cs and ChatHistory.cs) written with socket.io's own API, so that
// the scenarios of tests/js/aot run against Node too.

const KEPT = 50; // messages kept per room, as ChatHistory
const LOBBY = "lobby"; // always listed, as ChatRooms.Lobby
const LISTED = 100; // rooms a list names at most, as ChatRooms.Listed
const MAX_TEXT = 2000; // as ChatNamespace.MaxText

/** Attaches /chat to the socket.io server `io`; `track` records disconnect reasons. */
export function attachChatNamespace(io, track) {
  const chat = io.of("/chat");
  const history = new Map(); // room -> the last KEPT messages, oldest first
  let sequence = 0;
  const members = new Map(); // room -> Map(socket id -> nickname), as ChatRooms
  let version = 0;

  const enter = (room, id, nickname) => {
    const inRoom = members.get(room) ?? new Map();
    if (inRoom.has(id)) return false;
    inRoom.set(id, nickname);
    members.set(room, inRoom);
    version++;
    return true;
  };
  const exit = (room, id) => {
    const inRoom = members.get(room);
    if (!inRoom?.delete(id)) return false;
    if (inRoom.size === 0) members.delete(room);
    version++;
    return true;
  };
  const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  // The lobby, then the occupied rooms (most members first) and those with history, by name.
  const roomList = () => {
    const occupied = [...members.keys()].filter((r) => r !== LOBBY).sort((a, b) => members.get(b).size - members.get(a).size);
    const known = [...history.keys()].filter((r) => r !== LOBBY && !members.has(r));
    const others = [...occupied, ...known].slice(0, LISTED - 1).sort(byName);
    const summary = (name) => ({ name, members: [...new Set(members.get(name)?.values() ?? [])].sort(byName) });
    return { version, rooms: [LOBBY, ...others].map(summary) };
  };

  const append = (room, nickname, text) => {
    const message = { room, nickname, text, sequence: ++sequence, sentAt: new Date().toISOString() };
    const messages = history.get(room) ?? [];
    messages.push(message);
    if (messages.length > KEPT) messages.shift();
    history.set(room, messages);
    return message;
  };

  // on_connect: a nickname of 1 to 32 characters (after trimming for blank), else refused with a hint.
  chat.use((socket, next) => {
    const nickname = socket.handshake.auth?.nickname;
    if (typeof nickname !== "string" || nickname.trim() === "" || nickname.length > 32) {
      const err = new Error("nickname required");
      err.data = { hint: "Pick a nickname of 1 to 32 characters." };
      return next(err);
    }
    socket.data.nickname = nickname.trim();
    next();
  });

  chat.on("connection", (socket) => {
    track(socket);
    const nickname = socket.data.nickname;

    // rooms(): the room list, as room_list later brings it.
    socket.on("rooms", (ack) => ack?.(roomList()));
    // join(room): the others in the room get user_joined and everyone the new list; the ack is
    // the room's recent messages.
    socket.on("join", (room, ack) => {
      socket.join(room);
      if (enter(room, socket.id, nickname)) {
        socket.to(room).emit("user_joined", nickname, room);
        chat.emit("room_list", roomList());
      }
      ack?.(history.get(room) ?? []);
    });
    // leave(room): the room (the leaver no longer in it) gets user_left; acked with nothing.
    socket.on("leave", (room, ack) => {
      socket.leave(room);
      if (exit(room, socket.id)) {
        chat.to(room).emit("user_left", nickname, room);
        chat.emit("room_list", roomList());
      }
      ack?.();
    });
    // send(room, text): every member gets message; the ack is its sequence number, or null from
    // a sender outside the room or for a blank or too long text.
    socket.on("send", (room, text, ack) => {
      if (!socket.rooms.has(room) || typeof text !== "string" || text.trim() === "" || text.length > MAX_TEXT) {
        ack?.(null);
        return;
      }
      const message = append(room, nickname, text);
      chat.to(room).emit("message", message);
      ack?.(message.sequence);
    });
    // typing(room[, isTyping = true]) reaches the others in the room, from a member only.
    socket.on("typing", (room, isTyping = true) => {
      if (socket.rooms.has(room)) socket.to(room).emit("typing", nickname, isTyping);
    });
    // The client's rooms (its own id aside) hear that it left, and the others the new list.
    socket.on("disconnecting", () => {
      let left = false;
      for (const room of socket.rooms) {
        if (room === socket.id) continue;
        left = exit(room, socket.id) || left;
        socket.to(room).emit("user_left", nickname, room);
      }
      if (left) socket.broadcast.emit("room_list", roomList());
    });
  });
}
