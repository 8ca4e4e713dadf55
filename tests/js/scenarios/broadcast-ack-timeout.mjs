// Broadcast with acks where one socket never answers: error "timeout" with the answers that arrived.
import { scenario, connectOk, emitAck, waitFor, assertEqual, assert } from "./lib.mjs";

scenario(async () => {
  const room = `pollto-${process.pid}`;
  const [a, b, silent] = await Promise.all([connectOk("/test"), connectOk("/test"), connectOk("/test")]);
  a.on("poll", (ack) => ack("zulu"));
  b.on("poll", (ack) => ack("yankee"));
  for (const s of [a, b, silent]) await emitAck(s, "join", room);
  const t0 = Date.now();
  const result = await emitAck(a, "ask-room", room, 400);
  await waitFor(silent, "poll"); // it did receive the poll
  assertEqual(result, { error: "timeout", answers: ["yankee", "zulu"] }, "ask-room result");
  assert(Date.now() - t0 >= 350, "the server waited for the timeout");
});
