// `close-room` makes every socket leave the room.
import { scenario, connectOk, emitAck, waitFor, expectNoEvent, assertEqual } from "./lib.mjs";

scenario(async () => {
  const room = `cr-${process.pid}`, keep = `keep-${process.pid}`;
  const [a, b, c] = await Promise.all([connectOk("/test"), connectOk("/test"), connectOk("/test")]);
  await emitAck(a, "join", room);
  await emitAck(a, "join", keep);
  await emitAck(b, "join", room);
  assertEqual(await emitAck(c, "count", room), 2, "count before close-room");
  assertEqual(await emitAck(c, "close-room", room), "ok", "close-room ack");
  assertEqual(await emitAck(c, "count", room), 0, "count after close-room");
  assertEqual(await emitAck(c, "count", keep), 1, "other rooms are kept");
  // a's rooms no longer include the closed room
  assertEqual(await emitAck(a, "leave", "nothing"), [a.id, keep].sort(), "a's rooms after close-room");
  await emitAck(c, "to-room", room, "anyone?");
  await expectNoEvent(a, "room-message");
  await expectNoEvent(b, "room-message", 0);
  // the room can be used again
  await emitAck(b, "join", room);
  await emitAck(c, "to-room", room, "again");
  assertEqual((await waitFor(b, "room-message"))[0], "again", "room reusable");
});
