// transports: websocket, polling
// A raw client connected to "/test" that never answers pings is dropped with "ping timeout".
import { scenario, transport, rawSocketIO, observer, reasonOf, assertEqual, assert, PING_INTERVAL, PING_TIMEOUT } from "./lib.mjs";

scenario(async () => {
  const obs = await observer();
  const t0 = Date.now();
  const { engine, sid } = await rawSocketIO(transport, "/test", { autoPong: false });
  await engine.next("ping", undefined, PING_INTERVAL + 1000);
  await engine.whenClosed(PING_INTERVAL + PING_TIMEOUT + 1500);
  const elapsed = Date.now() - t0;
  assert(elapsed >= PING_INTERVAL + PING_TIMEOUT - 100, `closed only after pingInterval+pingTimeout (after ${elapsed} ms)`);
  assertEqual(await reasonOf(obs, sid), "ping timeout", "server-side reason");
});
