// The Chat sample refuses a CONNECT to /chat without a usable nickname: connect_error carries the
// message and the data of the server's ConnectionRefusedException.
//   node aot/chat-refused.mjs <baseUrl> <transport>
import { assertEqual, connect, connectError, connectOk, scenario } from "../scenarios/lib.mjs";

const HINT = { hint: "Pick a nickname of 1 to 32 characters." };

scenario(async () => {
  for (const [what, auth] of [
    ["no auth", undefined],
    ["no nickname", {}],
    ["a blank nickname", { nickname: "   " }],
    ["a 33-character nickname", { nickname: "x".repeat(33) }],
  ]) {
    const err = await connectError(connect("/chat", auth === undefined ? {} : { auth }));
    assertEqual(err.message, "nickname required", `connect_error message with ${what}`);
    assertEqual(err.data, HINT, `connect_error data with ${what}`);
  }

  // With a nickname the same namespace accepts.
  const ok = await connectOk("/chat", { auth: { nickname: "x".repeat(32) } });
  assertEqual(ok.connected, true, "connected with a 32-character nickname");
});
