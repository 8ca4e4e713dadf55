// `except-room` emits `broadcast` to every "/test" socket not in the room (the sender too if not in it).
import { scenario, connectOk, emitAck, waitFor, assertEqual, fail } from "./lib.mjs";

scenario(async () => {
  const room = `ex-${process.pid}`;
  const [sender, inside, outside] = await Promise.all([connectOk("/test"), connectOk("/test"), connectOk("/test")]);
  await emitAck(inside, "join", room);
  // other scenarios may run concurrently against the same server: use a unique payload
  const payload = { from: process.pid, nonce: Math.random() };
  const mine = (args) => JSON.stringify(args[0]) === JSON.stringify(payload);
  assertEqual(await emitAck(sender, "except-room", room, payload), "ok", "ack");
  for (const [s, name] of [[sender, "sender"], [outside, "outside"]]) {
    let got;
    do got = await waitFor(s, "broadcast"); while (!mine(got));
    assertEqual(got[0], payload, `${name} receives`);
  }
  // the member of the room must not receive our payload (it may see other scenarios' broadcasts)
  const deadline = Date.now() + 300;
  while (Date.now() < deadline) {
    const got = await waitFor(inside, "broadcast", deadline - Date.now()).catch(() => null);
    if (got && mine(got)) fail(`the socket in "${room}" received the broadcast`);
  }
});
