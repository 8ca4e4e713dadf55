// transports: websocket, polling
// The server pings every ~300 ms; answering with pongs keeps the session alive past 1 s.
import { scenario, transport, RawEngine, assert, fail, PING_INTERVAL } from "./lib.mjs";

scenario(async () => {
  const e = await RawEngine.open(transport, "/engine.io/"); // autoPong
  const t0 = Date.now();
  const pings = [];
  while (Date.now() - t0 < 1100) {
    pings.push(await e.next("ping", undefined, PING_INTERVAL + 700));
  }
  assert(pings.length >= 3, `at least 3 pings in 1.1 s (got ${pings.length})`);
  // The server pings pingInterval after the previous pong reached it: measured from our pong (a
  // late observation of a ping cannot make the gap look short), with 50 ms for timer coarseness.
  const gaps = pings.slice(1).map((p, i) => p.receivedAt - pings[i].pongSentAt);
  assert(gaps.every((g) => g >= PING_INTERVAL - 50 && g <= PING_INTERVAL + 1000), `pings every ~${PING_INTERVAL} ms after each pong (gaps ${gaps})`);
  if (e.closed) fail(`session closed despite pongs: ${JSON.stringify(e.closeInfo)}`);
  // still usable
  await e.send("4still-alive");
  assert((await e.message()).data === "still-alive", "echo after 1 s");
});
