// Node's own socket.io with @socket.io/admin-ui's instrument(), with the handlers the .NET test
// server has (tests/TypedSocketIO.AdminUI.Tests/Infrastructure/AdminServer.cs): proves the admin
// scenarios against the reference before they judge TypedSocketIO.
//   node admin/reference-admin-server.mjs <port> <password> <development|production> [readonly] [serverId]
// Prints "listening <port> <pid>" once ready. Stats come every 2 s (Node's fixed interval).
import { createServer } from "node:http";
import { Server } from "socket.io";
import { instrument } from "@socket.io/admin-ui";
import bcrypt from "bcryptjs";

const [port = "3100", password = "", mode = "development", readonly = "", serverId] = process.argv.slice(2);
const httpServer = createServer();
const io = new Server(httpServer);
instrument(io, {
  auth: { type: "basic", username: "admin", password: bcrypt.hashSync(password, 4) },
  mode,
  readonly: readonly === "readonly",
  serverId: serverId || undefined,
});

io.on("connection", (socket) => {
  socket.on("join", async (room, ack) => { await socket.join(room); ack(); });
  socket.on("rooms", (ack) => ack([...socket.rooms].sort()));
  socket.on("hello", (...args) => { socket.emit("welcome", "hi", 3); args.at(-1)(); });
  socket.on("set-name", (name, ack) => { socket.data.UserProfile = { name }; ack(); });
});
io.of("/later"); // a namespace made after instrument()

httpServer.listen(Number(port), "127.0.0.1", () => console.log(`listening ${httpServer.address().port} ${process.pid}`));
