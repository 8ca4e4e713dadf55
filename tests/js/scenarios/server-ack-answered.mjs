// Server→client ack: `ask` makes the server emit `question` and wait for our ack.
import { scenario, connectOk, emitAck, assertEqual } from "./lib.mjs";

scenario(async () => {
  const s = await connectOk("/test");
  const questions = [];
  s.on("question", (payload, ack) => {
    questions.push(payload);
    ack({ echoed: payload }, "second argument is ignored");
  });
  const payload = { q: "life?", bin: false, list: [1, 2] };
  assertEqual(await emitAck(s, "ask", payload, 2000), { answer: { echoed: payload } }, "ask result");
  assertEqual(questions, [payload], "question payload");
  // with a scalar answer
  s.off("question");
  s.on("question", (_p, ack) => ack(42));
  assertEqual(await emitAck(s, "ask", "n", 2000), { answer: 42 }, "scalar answer");
});
