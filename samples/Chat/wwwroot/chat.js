// The chat page: plain JavaScript over the official Socket.IO client (lib/socket.io.min.js).
//
// Server contract (namespace /chat, see ChatNamespace.cs):
//   CONNECT auth { nickname }            refused without one: connect_error(message, data.hint)
//   join(room)          ack → recent messages      leave(room)
//   send(room, text)    ack → sequence number      typing(room, isTyping)
//   ← message({ room, nickname, text, sequence, sentAt }), user_joined(nickname, room),
//     user_left(nickname, room), typing(nickname, isTyping), ping() ack → our nickname
//
// ?nickname=ada&room=lobby in the address connects and joins at once.
(() => {
  "use strict";

  const ACK_TIMEOUT = 5000;
  const TYPING_IDLE = 2000; // we stop "typing" after this long without a key
  const TYPING_EXPIRE = 6000; // someone else's indicator goes away after this long without news

  const $ = (id) => document.getElementById(id);
  const status = $("status");
  const login = $("login");
  const nicknameInput = $("nickname");
  const loginError = $("login-error");
  const chat = $("chat");
  const meLabel = $("me");
  const roomForm = $("room-form");
  const roomInput = $("room");
  const leaveButton = $("leave");
  const currentRoom = $("current-room");
  const messages = $("messages");
  const typingLine = $("typing");
  const sendForm = $("send-form");
  const textInput = $("text");
  const sendButton = $("send");

  let socket = null;
  let me = "";
  let room = ""; // the room we are in ("" = none)
  const typers = new Map(); // nickname → expiry timer
  let typingSent = false;
  let typingTimer = 0;

  // ---------------------------------------------------------------------------------------
  // Connection
  // ---------------------------------------------------------------------------------------
  function setStatus(state, text = state) {
    status.dataset.state = state;
    status.textContent = text;
    document.body.dataset.state = state;
  }

  function connect(nickname) {
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
    me = nickname;
    meLabel.textContent = me;
    loginError.hidden = true;
    setStatus("connecting", "connecting…");

    socket = io("/chat", { auth: { nickname } });

    socket.on("connect", () => {
      setStatus("connected");
      login.hidden = true;
      chat.hidden = false;
      const wanted = room || new URLSearchParams(location.search).get("room");
      room = "";
      if (wanted) {
        roomInput.value = wanted;
        join(wanted); // first time from the address, after a reconnection the room we were in
      } else {
        roomInput.focus();
      }
    });

    socket.on("connect_error", (err) => {
      if (socket.active) {
        setStatus("reconnecting", "reconnecting…"); // a network problem: the client retries
        return;
      }
      // Refused by the server: say why and ask again.
      setStatus("refused");
      chat.hidden = true;
      login.hidden = false;
      loginError.textContent = err.data?.hint ? `${err.message}: ${err.data.hint}` : err.message;
      loginError.hidden = false;
      nicknameInput.focus();
    });

    socket.on("disconnect", (reason) => {
      clearTypers();
      setRoomControls();
      if (socket.active) {
        setStatus("reconnecting", "reconnecting…");
      } else {
        setStatus("disconnected");
      }
    });

    socket.on("message", onMessage);
    socket.on("user_joined", (nickname, where) => {
      if (where === room) notice(`${nickname} joined ${where}`);
    });
    socket.on("user_left", (nickname, where) => {
      if (where === room) notice(`${nickname} left ${where}`);
      stopTyper(nickname);
    });
    socket.on("typing", (nickname, isTyping) => (isTyping ? startTyper(nickname) : stopTyper(nickname)));
    socket.on("ping", (answer) => answer?.(me));
  }

  login.addEventListener("submit", (e) => {
    e.preventDefault();
    connect(nicknameInput.value.trim());
  });

  // ---------------------------------------------------------------------------------------
  // Rooms
  // ---------------------------------------------------------------------------------------
  async function join(name) {
    if (name === room) return;
    if (room) leave();
    try {
      const recent = await socket.timeout(ACK_TIMEOUT).emitWithAck("join", name);
      room = name;
      messages.replaceChildren();
      for (const message of recent) messages.append(messageItem(message));
      notice(`You joined ${name}`);
    } catch {
      notice(`Could not join ${name}`);
    }
    setRoomControls();
  }

  function leave() {
    if (!room) return;
    stopTyping();
    socket.emit("leave", room);
    notice(`You left ${room}`);
    room = "";
    clearTypers();
    setRoomControls();
  }

  function setRoomControls() {
    const inRoom = room !== "" && socket?.connected;
    currentRoom.dataset.room = room;
    currentRoom.textContent = room ? `in #${room}` : "no room";
    leaveButton.disabled = !inRoom;
    textInput.disabled = !inRoom;
    sendButton.disabled = !inRoom;
    textInput.placeholder = inRoom ? `Message #${room}` : "Join a room to chat";
    if (inRoom) textInput.focus();
  }

  roomForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = roomInput.value.trim();
    if (name) join(name);
  });
  leaveButton.addEventListener("click", leave);

  // ---------------------------------------------------------------------------------------
  // Messages
  // ---------------------------------------------------------------------------------------
  function timeOf(sentAt) {
    const date = sentAt ? new Date(sentAt) : new Date();
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function span(className, text) {
    const element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    return element;
  }

  function messageItem({ nickname, text, sequence, sentAt }) {
    const item = document.createElement("li");
    item.className = nickname === me ? "message mine" : "message";
    if (sequence !== undefined) item.dataset.seq = String(sequence);
    item.append(span("time", timeOf(sentAt)), span("nickname", nickname), span("text", text));
    return item;
  }

  function append(item) {
    const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
    messages.append(item);
    if (atBottom) messages.scrollTop = messages.scrollHeight;
  }

  function notice(text) {
    const item = document.createElement("li");
    item.className = "notice";
    item.textContent = text;
    append(item);
  }

  function onMessage(message) {
    if (message.room !== room) return;
    stopTyper(message.nickname);
    if (messages.querySelector(`li[data-seq="${message.sequence}"]`)) return;
    if (message.nickname === me) {
      // Our own message, shown when we sent it: the broadcast may come before the ack.
      const pending = [...messages.querySelectorAll("li.mine:not([data-seq])")].find(
        (item) => item.querySelector(".text").textContent === message.text,
      );
      if (pending) {
        pending.dataset.seq = String(message.sequence);
        return;
      }
    }
    append(messageItem(message));
  }

  sendForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = textInput.value;
    if (!text.trim() || !room) return;
    textInput.value = "";
    stopTyping();

    const item = messageItem({ nickname: me, text });
    item.dataset.delivery = "sending";
    const ack = span("ack", "sending…");
    item.append(ack);
    append(item);

    socket.timeout(ACK_TIMEOUT).emit("send", room, text, (err, sequence) => {
      if (err) {
        item.dataset.delivery = "failed";
        ack.textContent = "not delivered";
        return;
      }
      item.dataset.seq = String(sequence);
      item.dataset.delivery = "delivered";
      ack.textContent = `✓ #${sequence}`;
      ack.title = `Delivered, sequence number ${sequence}`;
    });
  });

  // ---------------------------------------------------------------------------------------
  // Typing indicator
  // ---------------------------------------------------------------------------------------
  textInput.addEventListener("input", () => {
    if (!room) return;
    if (!typingSent) {
      typingSent = true;
      socket.emit("typing", room, true);
    }
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, TYPING_IDLE);
  });

  function stopTyping() {
    clearTimeout(typingTimer);
    if (typingSent && room && socket?.connected) socket.emit("typing", room, false);
    typingSent = false;
  }

  function startTyper(nickname) {
    clearTimeout(typers.get(nickname));
    typers.set(nickname, setTimeout(() => stopTyper(nickname), TYPING_EXPIRE));
    renderTypers();
  }

  function stopTyper(nickname) {
    if (!typers.has(nickname)) return;
    clearTimeout(typers.get(nickname));
    typers.delete(nickname);
    renderTypers();
  }

  function clearTypers() {
    for (const timer of typers.values()) clearTimeout(timer);
    typers.clear();
    renderTypers();
  }

  function renderTypers() {
    const names = [...typers.keys()];
    typingLine.textContent =
      names.length === 0 ? ""
      : names.length === 1 ? `${names[0]} is typing…`
      : names.length === 2 ? `${names[0]} and ${names[1]} are typing…`
      : `${names[0]}, ${names[1]} and ${names.length - 2} more are typing…`;
  }

  // ---------------------------------------------------------------------------------------
  // Start: ?nickname=… connects at once.
  // ---------------------------------------------------------------------------------------
  const params = new URLSearchParams(location.search);
  if (params.get("room")) roomInput.value = params.get("room");
  if (params.get("nickname")) {
    nicknameInput.value = params.get("nickname");
    connect(params.get("nickname").trim());
  }
})();
