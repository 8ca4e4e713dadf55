// Server→client ack not answered: `ask` resolves with {"error":"timeout"} after the given timeout.
import { scenario, connectOk, emitAck, waitFor, assertEqual, assert } from "./lib.mjs";

scenario(async () => {
  const s = await connectOk("/test");
  const t0 = Date.now();
  const result = emitAck(s, "ask", "unanswered", 300);
  const [payload] = await waitFor(s, "question"); // received, never acked
  assertEqual(payload, "unanswered", "question payload");
  assertEqual(await result, { error: "timeout" }, "ask result");
  const elapsed = Date.now() - t0;
  assert(elapsed >= 250, `timeout honoured (answered after ${elapsed} ms, timeout 300 ms)`);
  // the connection is still fine, and a late answer would be ignored
  s.on("question", (_p, ack) => ack("late-but-fine"));
  assertEqual(await emitAck(s, "ask", "again", 2000), { answer: "late-but-fine" }, "next ask answered");
});
