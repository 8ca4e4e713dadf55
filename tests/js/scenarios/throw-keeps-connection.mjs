// A handler that throws neither crashes the server nor drops the connection, and sends the client
// nothing at all (no error event, no stack trace).
import { scenario, connectOk, emitAck, expectNoEvent, assertEqual, QUIET_MS } from "./lib.mjs";

scenario(async () => {
  const s = await connectOk("/test");
  let disconnected = null;
  s.on("disconnect", (r) => (disconnected = r));
  const received = [];
  s.onAny((event, ...args) => received.push([event, ...args]));
  s.emit("throw");
  s.emit("throw", "with", { args: 1 });
  assertEqual(await emitAck(s, "count", `nobody-${process.pid}`), 0, "an ack after throw still works");
  await expectNoEvent(s, "disconnect", QUIET_MS);
  assertEqual(disconnected, null, "still connected");
  assertEqual(s.connected, true, "socket.connected");
  assertEqual(received, [], "events sent to the client after the handlers threw");
  // and the rest of the server still works too
  const other = await connectOk("/");
  assertEqual(await emitAck(other, "message-with-ack", "ok?"), "ok?", "another client");
});
