// `to-room-except-me` reaches the room's members but not the sender.
import { scenario, connectOk, emitAck, waitFor, expectNoEvent, assertEqual } from "./lib.mjs";

scenario(async () => {
  const room = `trem-${process.pid}`;
  const [a, b, c] = await Promise.all([connectOk("/test"), connectOk("/test"), connectOk("/test")]);
  for (const s of [a, b, c]) await emitAck(s, "join", room);
  assertEqual(await emitAck(a, "to-room-except-me", room, "psst"), "ok", "ack");
  assertEqual((await waitFor(b, "room-message"))[0], "psst", "b receives");
  assertEqual((await waitFor(c, "room-message"))[0], "psst", "c receives");
  await expectNoEvent(a, "room-message");
});
