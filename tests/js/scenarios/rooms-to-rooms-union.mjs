// `to-rooms` reaches the union of the rooms; a socket in several of them gets one copy.
import { scenario, connectOk, emitAck, waitFor, expectNoEvent, assertEqual } from "./lib.mjs";

scenario(async () => {
  const r1 = `u1-${process.pid}`, r2 = `u2-${process.pid}`;
  const [both, only1, only2, none] = await Promise.all([
    connectOk("/test"), connectOk("/test"), connectOk("/test"), connectOk("/test"),
  ]);
  await emitAck(both, "join", r1);
  await emitAck(both, "join", r2);
  await emitAck(only1, "join", r1);
  await emitAck(only2, "join", r2);
  assertEqual(await emitAck(none, "to-rooms", [r1, r2], 42), "ok", "ack");
  for (const [s, name] of [[both, "both"], [only1, "only1"], [only2, "only2"]]) {
    assertEqual((await waitFor(s, "room-message"))[0], 42, `${name} receives`);
  }
  await expectNoEvent(both, "room-message"); // no second copy
  await expectNoEvent(none, "room-message", 0);
  await expectNoEvent(only1, "room-message", 0);
  await expectNoEvent(only2, "room-message", 0);
});
