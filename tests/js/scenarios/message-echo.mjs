// Namespace "/": `message` (...args) comes back as `message-back` with the same arguments.
import { scenario, connectOk, waitFor, assertEqual } from "./lib.mjs";

scenario(async () => {
  const socket = await connectOk("/");
  const cases = [
    [],
    [1, 2.5, -3, 0, 1e21],
    ["hello", "", "with \"quotes\" and \\ backslash\nnewline"],
    [{ a: 1, b: { c: [1, 2, { d: "e" }] } }, null, [1, "x", null, [true, false]]],
    ["unicode: é ñ 中文 🚀 👍🏽 \u2028 \u0000"],
    [true, false, { emoji: "🎉", empty: {}, list: [] }],
  ];
  for (const args of cases) {
    socket.emit("message", ...args);
    const back = await waitFor(socket, "message-back");
    assertEqual(back, args, `message-back for ${JSON.stringify(args)}`);
  }
});
