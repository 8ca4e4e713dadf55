// transports: websocket, polling
// Without pongs the session is closed within pingInterval + pingTimeout (+ slack).
import { scenario, transport, RawEngine, http, assert, assertEqual, PING_INTERVAL, PING_TIMEOUT } from "./lib.mjs";

scenario(async () => {
  const t0 = Date.now(); // before the handshake: the server's clock for this session starts later
  const e = await RawEngine.open(transport, "/engine.io/", { autoPong: false });
  const ping = await e.next("ping", undefined, PING_INTERVAL + 500);
  const info = await e.whenClosed(PING_INTERVAL + PING_TIMEOUT + 1000);
  // Never early: not before pingInterval + pingTimeout from the session's start.
  const sinceStart = e.closedAt - t0;
  assert(sinceStart >= PING_INTERVAL + PING_TIMEOUT - 100,
    `closed ${sinceStart} ms after the handshake began, before pingInterval + pingTimeout (${JSON.stringify(info)})`);
  // Never much late: about pingTimeout after the ping arrived (handshake time left out).
  const sincePing = e.closedAt - ping.receivedAt;
  assert(sincePing <= PING_TIMEOUT + 700,
    `closed ${sincePing} ms after the ping, expected about ${PING_TIMEOUT} ms (${JSON.stringify(info)})`);
  if (transport === "polling") {
    const after = await http("GET", e.url);
    assertEqual([after.status, after.body], [400, '{"code":1,"message":"Session ID unknown"}'], "GET after ping timeout");
  }
});
