// The Node socket.io 4.x benchmark server: the same two events as the other servers.
//   echo:      acks with exactly the arguments it received (42<id>["echo",p] → 43<id>[p])
//   broadcast: emits msg with the same argument to every other socket of "/", then acks (43<id>[])
// Usage: node --expose-gc server.mjs <port>   (listens on 127.0.0.1, prints "listening <port>")
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2] ?? 5102);

function stats() {
  const m = process.memoryUsage();
  return JSON.stringify({ rssBytes: m.rss, heapBytes: m.heapUsed, externalBytes: m.external });
}

// Benchmark-only endpoints outside /socket.io/ (socket.io forwards other requests to this listener).
const httpServer = createServer((req, res) => {
  if (req.url === "/bench/stats" || req.url === "/bench/gc") {
    if (req.url === "/bench/gc" && typeof globalThis.gc === "function") {
      globalThis.gc();
      globalThis.gc();
    }
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(stats());
    return;
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found");
});

// Defaults otherwise (pingInterval 25 s, maxHttpBufferSize 1 MB, perMessageDeflate off,
// both transports); serveClient off as nothing here needs the client bundle.
const io = new Server(httpServer, { serveClient: false });

io.on("connection", (socket) => {
  socket.on("echo", (...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    if (ack) ack(...args);
  });
  socket.on("broadcast", (...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    socket.broadcast.emit("msg", ...args);
    if (ack) ack();
  });
});

httpServer.listen(port, "127.0.0.1", () => console.log(`listening ${port}`));
