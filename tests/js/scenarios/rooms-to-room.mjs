// `to-room` reaches every socket in the room, the sender included, and nobody else.
import { scenario, connectOk, emitAck, waitFor, expectNoEvent, assertEqual } from "./lib.mjs";

scenario(async () => {
  const room = `tr-${process.pid}`;
  const [a, b, outsider] = await Promise.all([connectOk("/test"), connectOk("/test"), connectOk("/test")]);
  await emitAck(a, "join", room);
  await emitAck(b, "join", room);
  const payload = { hello: "room", n: [1, 2] };
  assertEqual(await emitAck(a, "to-room", room, payload), "ok", "to-room ack");
  assertEqual((await waitFor(a, "room-message"))[0], payload, "sender (in the room) receives");
  assertEqual((await waitFor(b, "room-message"))[0], payload, "other member receives");
  await expectNoEvent(outsider, "room-message");
  await expectNoEvent(a, "room-message", 0); // exactly one copy each
  await expectNoEvent(b, "room-message", 0);
});
