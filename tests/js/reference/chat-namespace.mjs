// Namespace /chat of the reference server: the Chat sample's namespace
// (samples/Chat/ChatNamespace.cs and ChatHistory.cs) written with socket.io's own API, so that
// the scenarios of tests/js/aot run against Node too.

const KEPT = 50; // messages kept per room, as ChatHistory

/** Attaches /chat to the socket.io server `io`; `track` records disconnect reasons. */
export function attachChatNamespace(io, track) {
  const chat = io.of("/chat");
  const history = new Map(); // room -> the last KEPT messages, oldest first
  let sequence = 0;

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

    // join(room): the others in the room get user_joined; the ack is the room's recent messages.
    socket.on("join", (room, ack) => {
      socket.join(room);
      socket.to(room).emit("user_joined", nickname, room);
      ack?.(history.get(room) ?? []);
    });
    // leave(room): the room (the leaver no longer in it) gets user_left; acked with nothing.
    socket.on("leave", (room, ack) => {
      socket.leave(room);
      chat.to(room).emit("user_left", nickname, room);
      ack?.();
    });
    // send(room, text): every member gets message; the ack is its sequence number.
    socket.on("send", (room, text, ack) => {
      const message = append(room, nickname, text);
      chat.to(room).emit("message", message);
      ack?.(message.sequence);
    });
    // typing(room[, isTyping = true]) reaches the others in the room.
    socket.on("typing", (room, isTyping = true) => {
      socket.to(room).emit("typing", nickname, isTyping);
    });
    // The client's rooms (its own id aside) hear that it left.
    socket.on("disconnecting", () => {
      for (const room of socket.rooms) {
        if (room !== socket.id) socket.to(room).emit("user_left", nickname, room);
      }
    });
  });
}
