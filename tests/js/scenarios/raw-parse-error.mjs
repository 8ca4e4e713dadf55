// transports: websocket, polling
// A malformed Socket.IO packet closes that connection (reason "forced close" with Node's socket.io),
// and a client connected at the same time is unaffected.
import { scenario, transport, rawSocketIO, observer, reasonOf, emitAck, assertEqual, assert } from "./lib.mjs";

scenario(async () => {
  const obs = await observer();
  const { engine, sid } = await rawSocketIO(transport, "/test");
  await engine.send(`42/test,["unterminated`);
  const info = await engine.whenClosed();
  assert(info.wsCode !== undefined || info.closePacket || info.status === 400, `connection closed (${JSON.stringify(info)})`);
  assertEqual(await reasonOf(obs, sid), "forced close", "server-side reason");
  assertEqual(await emitAck(obs, "count", "x"), 0, "the other client still works");
  assertEqual(obs.connected, true, "the other client is still connected");
});
