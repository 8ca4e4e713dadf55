// transports: websocket, polling
// Without pongs the session is closed within pingInterval + pingTimeout (+ slack).
import { scenario, transport, RawEngine, http, assert, assertEqual, PING_INTERVAL, PING_TIMEOUT } from "./lib.mjs";

scenario(async () => {
  const t0 = Date.now();
  const e = await RawEngine.open(transport, "/engine.io/", { autoPong: false });
  await e.next("ping", undefined, PING_INTERVAL + 500);
  const info = await e.whenClosed(PING_INTERVAL + PING_TIMEOUT + 1000);
  const elapsed = Date.now() - t0;
  assert(elapsed >= PING_INTERVAL + PING_TIMEOUT - 100 && elapsed <= PING_INTERVAL + PING_TIMEOUT + 700,
    `closed after ${elapsed} ms, expected about ${PING_INTERVAL + PING_TIMEOUT} ms (${JSON.stringify(info)})`);
  if (transport === "polling") {
    const after = await http("GET", e.url);
    assertEqual([after.status, after.body], [400, '{"code":1,"message":"Session ID unknown"}'], "GET after ping timeout");
  }
});
