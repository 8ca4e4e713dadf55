// Reference implementation of tests/js/TEST-SERVER.md with Node's socket.io / engine.io.
// Usage: node reference-server.mjs [port]   (listens on 127.0.0.1, prints "listening <port>")
import { createServer } from "node:http";
import { Server } from "socket.io";
import { Server as EngineServer } from "engine.io";
import { attachChatNamespace } from "./reference/chat-namespace.mjs";
import { attachTypedNamespace } from "./reference/typed-namespace.mjs";

const port = Number(process.argv[2] ?? 3000);

const engineOptions = {
  pingInterval: 300,
  pingTimeout: 200,
  maxHttpBufferSize: 1_000_000,
  transports: ["polling", "websocket"],
  allowUpgrades: true,
  cors: { origin: "*" },
};

// Anything that is neither /socket.io/ nor /engine.io/ gets a plain 404
// (engine.io's attach() forwards non-matching requests to the listeners registered before it).
const httpServer = createServer((req, res) => {
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found");
});

// ---------------------------------------------------------------------------------------------
// /socket.io/
// ---------------------------------------------------------------------------------------------
const io = new Server(httpServer, {
  ...engineOptions,
  connectTimeout: 1000,
  serveClient: false,
  destroyUpgrade: false, // the /engine.io/ server attached below shares the "upgrade" event
});

const sortedRooms = (socket) => [...socket.rooms].sort();
const ackOf = (args) => (typeof args[args.length - 1] === "function" ? args.pop() : () => {});
const compareAsStrings = (a, b) => {
  const x = typeof a === "string" ? a : JSON.stringify(a);
  const y = typeof b === "string" ? b : JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

// Server-side records, keyed by socket id (ids are unique across namespaces).
const disconnectReasons = new Map();
const roomsAtDisconnecting = new Map();

function track(socket) {
  // A socket.io Socket re-emits protocol errors (e.g. an unparsable packet) as "error";
  // without a listener Node's EventEmitter would throw.
  socket.on("error", (err) => console.error(`[reference] socket ${socket.nsp.name} ${socket.id} error: ${err?.message}`));
  socket.on("disconnecting", () => roomsAtDisconnecting.set(socket.id, sortedRooms(socket)));
  socket.on("disconnect", (reason) => disconnectReasons.set(socket.id, reason));
}

// Namespace "/" (the compliance suite's main namespace)
io.on("connection", (socket) => {
  track(socket);
  socket.emit("auth", socket.handshake.auth);
  socket.on("message", (...args) => {
    socket.emit("message-back", ...args);
  });
  socket.on("message-with-ack", (...args) => {
    const ack = ackOf(args);
    ack(...args);
  });
});

// Namespace "/custom"
io.of("/custom").on("connection", (socket) => {
  track(socket);
  socket.emit("auth", socket.handshake.auth);
});

// Namespace "/admin"
const admin = io.of("/admin");
admin.use((socket, next) => {
  if (socket.handshake.auth?.token === "secret") return next();
  const err = new Error("unauthorized");
  err.data = { code: 401 };
  next(err);
});
admin.on("connection", (socket) => {
  track(socket);
  socket.emit("welcome", socket.id);
});

// Namespace "/test"
const test = io.of("/test");
const KNOWN_TEST_EVENTS = new Set([
  "join", "leave", "to-room", "to-room-except-me", "to-rooms", "except-room", "ask", "ask-room",
  "disconnect-me", "reason-of", "rooms-at-disconnecting", "count", "close-room",
  "emit-all-namespaces", "throw", "poll-pending",
]);

test.on("connection", (socket) => {
  track(socket);

  socket.on("join", (room, ack) => {
    socket.join(room);
    ack?.(sortedRooms(socket));
  });
  socket.on("leave", (room, ack) => {
    socket.leave(room);
    ack?.(sortedRooms(socket));
  });
  socket.on("to-room", (room, payload, ack) => {
    test.to(room).emit("room-message", payload);
    ack?.("ok");
  });
  socket.on("to-room-except-me", (room, payload, ack) => {
    socket.to(room).emit("room-message", payload);
    ack?.("ok");
  });
  socket.on("to-rooms", (rooms, payload, ack) => {
    test.to(rooms).emit("room-message", payload);
    ack?.("ok");
  });
  socket.on("except-room", (room, payload, ack) => {
    test.except(room).emit("broadcast", payload);
    ack?.("ok");
  });
  socket.on("ask", (payload, timeoutMs, ack) => {
    socket.timeout(timeoutMs).emit("question", payload, (err, answer) => {
      ack?.(err ? { error: "timeout" } : { answer });
    });
  });
  socket.on("ask-room", (room, timeoutMs, ack) => {
    test.to(room).timeout(timeoutMs).emit("poll", (err, answers) => {
      const sorted = [...(answers ?? [])].sort(compareAsStrings);
      ack?.(err ? { error: "timeout", answers: sorted } : sorted);
    });
  });
  socket.on("disconnect-me", (close) => {
    socket.disconnect(close === true);
  });
  socket.on("reason-of", (socketId, ack) => {
    ack?.(disconnectReasons.get(socketId) ?? null);
  });
  socket.on("poll-pending", (socketId, ack) => {
    // A polling transport is writable exactly while a GET waits on the server.
    const transport = test.sockets.get(socketId)?.conn.transport;
    ack?.(transport?.name === "polling" && transport.writable === true);
  });
  socket.on("rooms-at-disconnecting", (socketId, ack) => {
    ack?.(roomsAtDisconnecting.get(socketId) ?? null);
  });
  socket.on("count", (room, ack) => {
    ack?.(test.adapter.rooms.get(room)?.size ?? 0);
  });
  socket.on("close-room", (room, ack) => {
    test.in(room).socketsLeave(room);
    ack?.("ok");
  });
  socket.on("emit-all-namespaces", (payload, ack) => {
    for (const nsp of io._nsps.values()) nsp.emit("everywhere", payload);
    ack?.("ok");
  });
  socket.on("throw", () => {
    throw new Error("handler failure requested by the client");
  });
  socket.onAny((event) => {
    if (!KNOWN_TEST_EVENTS.has(event)) socket.emit("unknown-event", event);
  });
});

// Namespace "/typed" (tests/js/typed) and "/chat" (tests/js/aot): see reference/.
attachTypedNamespace(io, track);
attachChatNamespace(io, track);

// socket.io runs event handlers in process.nextTick, so a throwing handler surfaces here.
// The server must not crash and must not send anything about it to the client.
process.on("uncaughtException", (err) => {
  console.error(`[reference] handler threw (ignored): ${err?.message}`);
});

// ---------------------------------------------------------------------------------------------
// /engine.io/ : Engine.IO-only echo server
// ---------------------------------------------------------------------------------------------
const engine = new EngineServer(engineOptions);
engine.attach(httpServer, { path: "/engine.io/" });
engine.on("connection", (socket) => {
  socket.on("message", (data) => socket.send(data));
});

httpServer.listen(port, "127.0.0.1", () => {
  const actual = httpServer.address().port;
  process.stdout.write(`listening ${actual}\n`);
});

const shutdown = () => {
  io.close();
  engine.close();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 500).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
