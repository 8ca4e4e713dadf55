// `count` gives the number of "/test" sockets in a room.
import { scenario, connectOk, emitAck, assertEqual, waitUntil } from "./lib.mjs";

scenario(async () => {
  const room = `cnt-${process.pid}`;
  const [a, b, c] = await Promise.all([connectOk("/test"), connectOk("/test"), connectOk("/test")]);
  assertEqual(await emitAck(a, "count", room), 0, "empty room");
  await emitAck(a, "join", room);
  await emitAck(b, "join", room);
  assertEqual(await emitAck(c, "count", room), 2, "two members");
  assertEqual(await emitAck(c, "count", a.id), 1, "a socket's own room");
  await emitAck(b, "leave", room);
  assertEqual(await emitAck(c, "count", room), 1, "after leave");
  a.disconnect();
  await waitUntil(async () => (await emitAck(c, "count", room)) === 0, "the room to be empty after its member disconnected");
});
