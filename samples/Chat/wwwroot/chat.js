// The chat page: plain JavaScript over the official Socket.IO client (lib/socket.io.min.js).
//
// Server contract (namespace /chat, see ChatNamespace.cs):
//   CONNECT auth { nickname }            refused without one: connect_error(message, data.hint)
//   rooms()             ack → { version, rooms: [{ name, members }] }
//   join(room)          ack → recent messages      leave(room)
//   send(room, text)    ack → sequence number (null: refused)      typing(room, isTyping)
//   ← message({ room, nickname, text, sequence, sentAt }), user_joined(nickname, room),
//     user_left(nickname, room), typing(nickname, isTyping), room_list({ version, rooms }),
//     ping() ack → our nickname
//
// ?nickname=ada&room=lobby in the address connects and joins at once. The tab remembers its
// nickname and room (sessionStorage), so a reload comes back to the same room and its history.
(() => {
  "use strict";

  const ACK_TIMEOUT = 5000;
  const TYPING_IDLE = 2000; // we stop "typing" after this long without a key
  const TYPING_EXPIRE = 6000; // someone else's indicator goes away after this long without news
  const DEFAULT_ROOM = "lobby";
  const TITLE = document.title;
  const saved = {
    get: (key) => sessionStorage.getItem(`chat.${key}`) ?? "",
    set: (key, value) => (value ? sessionStorage.setItem(`chat.${key}`, value) : sessionStorage.removeItem(`chat.${key}`)),
  };

  const $ = (id) => document.getElementById(id);
  const status = $("status");
  const login = $("login");
  const nicknameInput = $("nickname");
  const loginError = $("login-error");
  const account = $("account");
  const meLabel = $("me");
  const signOutButton = $("sign-out");
  const chat = $("chat");
  const roomList = $("room-list");
  const roomForm = $("room-form");
  const roomInput = $("room");
  const currentRoom = $("current-room");
  const membersLine = $("members");
  const leaveButton = $("leave");
  const messages = $("messages");
  const typingLine = $("typing");
  const sendForm = $("send-form");
  const textInput = $("text");
  const sendButton = $("send");

  let socket = null;
  let me = "";
  let room = ""; // the room we are in ("" = none)
  let joining = ""; // the room a join is under way for
  let directory = { version: -1, rooms: [] };
  const typers = new Map(); // nickname → expiry timer
  let typingSent = false;
  let typingTimer = 0;
  let unread = 0;

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
      saved.set("nickname", me);
      login.hidden = true;
      chat.hidden = false;
      account.hidden = false;
      // First time the room from the address or the tab, after a reconnection the one we were in.
      const wanted = room || joining || saved.get("room") || DEFAULT_ROOM;
      room = "";
      joining = "";
      join(wanted);
      refreshRooms();
    });

    socket.on("connect_error", (err) => {
      if (socket.active) {
        setStatus("reconnecting", "reconnecting…"); // a network problem: the client retries
        return;
      }
      // Refused by the server: say why and ask again.
      setStatus("refused");
      saved.set("nickname", "");
      showLogin();
      loginError.textContent = err.data?.hint ? `${err.message}: ${err.data.hint}` : err.message;
      loginError.hidden = false;
    });

    socket.on("disconnect", () => {
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
      if (where === room) notice(`${nickname} joined #${where}`);
    });
    socket.on("user_left", (nickname, where) => {
      if (where !== room) return;
      notice(`${nickname} left #${where}`);
      stopTyper(nickname);
    });
    socket.on("typing", (nickname, isTyping) => (isTyping ? startTyper(nickname) : stopTyper(nickname)));
    socket.on("room_list", showRooms);
    socket.on("ping", (answer) => answer?.(me));
  }

  function showLogin() {
    chat.hidden = true;
    account.hidden = true;
    login.hidden = false;
    nicknameInput.focus();
  }

  function signOut() {
    stopTyping();
    socket?.removeAllListeners();
    socket?.disconnect();
    socket = null;
    room = "";
    saved.set("nickname", "");
    saved.set("room", "");
    messages.replaceChildren();
    clearTypers();
    setStatus("disconnected");
    setRoomControls();
    showLogin();
  }

  login.addEventListener("submit", (e) => {
    e.preventDefault();
    const nickname = nicknameInput.value.trim();
    if (nickname) connect(nickname);
  });
  signOutButton.addEventListener("click", signOut);

  // ---------------------------------------------------------------------------------------
  // Rooms
  // ---------------------------------------------------------------------------------------
  async function join(name) {
    if (name === room || name === joining) return;
    if (room) leave();
    joining = name;
    try {
      const recent = await socket.timeout(ACK_TIMEOUT).emitWithAck("join", name);
      if (joining !== name) {
        socket.emit("leave", name); // another room was chosen meanwhile
        return;
      }
      room = name;
      saved.set("room", room);
      messages.replaceChildren();
      for (const message of recent) messages.append(messageItem(message, { delivered: message.nickname === me }));
      notice(recent.length ? `You joined #${name} (its last ${recent.length} messages above)` : `You joined #${name}`);
      messages.scrollTop = messages.scrollHeight;
    } catch {
      if (joining === name) notice(`Could not join #${name}`);
    } finally {
      if (joining === name) joining = "";
    }
    setRoomControls();
  }

  function leave() {
    if (!room) return;
    stopTyping();
    socket.emit("leave", room);
    notice(`You left #${room}`);
    room = "";
    saved.set("room", "");
    clearTypers();
    setRoomControls();
  }

  async function refreshRooms() {
    try {
      showRooms(await socket.timeout(ACK_TIMEOUT).emitWithAck("rooms"));
    } catch {
      // The next room_list brings it.
    }
  }

  function showRooms(next) {
    // Broadcasts of concurrent changes may cross: keep the newest list.
    if (next.version < directory.version) return;
    directory = next;
    renderRooms();
  }

  function renderRooms() {
    const names = directory.rooms.map((r) => r.name);
    if (room && !names.includes(room)) names.push(room); // ours, until the list catches up
    roomList.replaceChildren(
      ...names.map((name) => {
        const members = membersOf(name);
        const button = document.createElement("button");
        button.type = "button";
        button.className = "room";
        button.dataset.room = name;
        if (name === room) button.setAttribute("aria-current", "true");
        button.append(span("name", `#${name}`), span("count", String(members.length)));
        button.title = members.length ? members.join(", ") : "nobody here yet";
        button.addEventListener("click", () => join(name));
        const item = document.createElement("li");
        item.append(button);
        return item;
      }),
    );
    const here = membersOf(room);
    membersLine.textContent = room && here.length ? `Here: ${here.join(", ")}` : "";
  }

  function membersOf(name) {
    return directory.rooms.find((r) => r.name === name)?.members ?? [];
  }

  function setRoomControls() {
    const inRoom = room !== "" && socket?.connected === true;
    currentRoom.dataset.room = room;
    currentRoom.textContent = room ? `#${room}` : "no room";
    leaveButton.disabled = !inRoom;
    textInput.disabled = !inRoom;
    sendButton.disabled = !inRoom;
    textInput.placeholder = inRoom ? `Message #${room}` : "Join a room to chat";
    renderRooms();
    if (inRoom) textInput.focus();
  }

  roomForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const name = roomInput.value.trim();
    if (!name || !socket?.connected) return;
    roomInput.value = "";
    join(name);
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

  function messageItem({ nickname, text, sequence, sentAt }, { delivered = false } = {}) {
    const item = document.createElement("li");
    item.className = nickname === me ? "message mine" : "message";
    item.append(span("time", timeOf(sentAt)), span("nickname", nickname), span("text", text));
    if (sequence !== undefined) item.dataset.seq = String(sequence);
    if (delivered) markDelivered(item, item.appendChild(span("ack", "")), sequence);
    return item;
  }

  function markDelivered(item, ack, sequence) {
    item.dataset.seq = String(sequence);
    item.dataset.delivery = "delivered";
    ack.replaceChildren(`✓ #${sequence}`);
    ack.title = `Delivered, sequence number ${sequence}`;
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
    if (document.hidden) {
      unread++;
      document.title = `(${unread}) ${TITLE}`;
    }
  }

  document.addEventListener("visibilitychange", () => {
    if (document.hidden) return;
    unread = 0;
    document.title = TITLE;
  });

  function send(item, ack, text, where) {
    item.dataset.delivery = "sending";
    ack.replaceChildren("sending…");
    ack.title = "";
    socket.timeout(ACK_TIMEOUT).emit("send", where, text, (err, sequence) => {
      if (!err && Number.isInteger(sequence)) {
        markDelivered(item, ack, sequence);
        return;
      }
      // No answer in time (retry), or refused by the server (say so).
      item.dataset.delivery = "failed";
      if (err) {
        const retry = document.createElement("button");
        retry.type = "button";
        retry.className = "retry";
        retry.textContent = "retry";
        retry.addEventListener("click", () => send(item, ack, text, where));
        ack.replaceChildren("not delivered · ", retry);
      } else {
        ack.replaceChildren("refused by the server");
      }
    });
  }

  sendForm.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = textInput.value;
    if (!text.trim() || !room) return;
    textInput.value = "";
    stopTyping();

    const item = messageItem({ nickname: me, text });
    const ack = item.appendChild(span("ack", ""));
    append(item);
    send(item, ack, text, room);
  });

  // ---------------------------------------------------------------------------------------
  // Typing indicator
  // ---------------------------------------------------------------------------------------
  textInput.addEventListener("input", () => {
    if (!room) return;
    if (!textInput.value) {
      stopTyping(); // cleared the line
      return;
    }
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
  // Start: ?nickname=…&room=… (an invitation) or what this tab had before a reload.
  // ---------------------------------------------------------------------------------------
  const params = new URLSearchParams(location.search);
  if (params.has("nickname") || params.has("room")) {
    saved.set("nickname", params.get("nickname")?.trim() ?? saved.get("nickname"));
    if (params.get("room")) saved.set("room", params.get("room").trim());
    history.replaceState(null, "", location.pathname); // the tab remembers; a reload must not undo a room switch
  }
  const nickname = saved.get("nickname");
  if (nickname) {
    nicknameInput.value = nickname;
    connect(nickname);
  }
})();
