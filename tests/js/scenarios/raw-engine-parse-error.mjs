// transports: websocket, polling
// A malformed Engine.IO packet (unknown packet type) closes the connection with reason "parse error".
import { scenario, transport, rawSocketIO, observer, reasonOf, emitAck, assertEqual } from "./lib.mjs";

scenario(async () => {
  const obs = await observer();
  const { engine, sid } = await rawSocketIO(transport, "/test");
  await engine.send("9garbage");
  await engine.whenClosed();
  assertEqual(await reasonOf(obs, sid), "parse error", "server-side reason");
  assertEqual(await emitAck(obs, "count", "x"), 0, "the other client still works");
});
