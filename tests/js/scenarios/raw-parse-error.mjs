// transports: websocket, polling
// A malformed Socket.IO packet closes that connection, and a client connected at the same time is
// unaffected. The server-side reason is "parse error" in TypedSocketIO (the reason the Socket.IO
// docs give for it); Node's socket.io 4.8 reports "forced close" here, so both are accepted.
import { scenario, transport, rawSocketIO, observer, reasonOf, emitAck, assertEqual, assert } from "./lib.mjs";

scenario(async () => {
  const obs = await observer();
  const { engine, sid } = await rawSocketIO(transport, "/test");
  await engine.send(`42/test,["unterminated`);
  const info = await engine.whenClosed();
  assert(info.wsCode !== undefined || info.closePacket || info.status === 400, `connection closed (${JSON.stringify(info)})`);
  const reason = await reasonOf(obs, sid);
  assert(reason === "parse error" || reason === "forced close", `server-side reason: expected 'parse error' (or Node's 'forced close'), got '${reason}'`);
  assertEqual(await emitAck(obs, "count", "x"), 0, "the other client still works");
  assertEqual(obs.connected, true, "the other client is still connected");
});
