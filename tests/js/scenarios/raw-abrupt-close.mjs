// transports: websocket, polling
// A raw client that vanishes: ws.terminate() → "transport close"; aborted pending GET → "transport error".
import { scenario, transport, rawSocketIO, observer, reasonOf, emitAck, assertEqual, waitUntil } from "./lib.mjs";

scenario(async () => {
  const obs = await observer();
  const { engine, sid } = await rawSocketIO(transport, "/test");
  await engine.send(`42/test,1["count","x"]`);
  await engine.message((d) => d.startsWith("3/test,1"));
  // The next GET must be waiting on the server when the client vanishes (asked of the server, not slept on).
  if (transport === "polling") await waitUntil(() => emitAck(obs, "poll-pending", sid), "the next GET pending on the server", { interval: 10 });
  engine.abort();
  const expected = transport === "websocket" ? "transport close" : "transport error";
  assertEqual(await reasonOf(obs, sid), expected, "server-side reason");
  assertEqual(await emitAck(obs, "count", sid), 0, "the socket left its rooms");
});
