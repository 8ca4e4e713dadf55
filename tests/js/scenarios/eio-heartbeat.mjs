// transports: websocket, polling
// The server pings every ~300 ms; answering with pongs keeps the session alive past 1 s.
import { scenario, transport, RawEngine, assert, fail, PING_INTERVAL } from "./lib.mjs";

scenario(async () => {
  const e = await RawEngine.open(transport, "/engine.io/"); // autoPong
  const t0 = Date.now();
  const times = [];
  while (Date.now() - t0 < 1100) {
    await e.next("ping", undefined, PING_INTERVAL + 700);
    times.push(Date.now() - t0);
  }
  assert(times.length >= 3, `at least 3 pings in 1.1 s (got ${times.length}: ${times})`);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  assert(gaps.every((g) => g >= PING_INTERVAL - 100 && g <= PING_INTERVAL + 1000), `pings every ~${PING_INTERVAL} ms (gaps ${gaps})`); // wide: CI shares 2 cores with the server
  if (e.closed) fail(`session closed despite pongs: ${JSON.stringify(e.closeInfo)}`);
  // still usable
  await e.send("4still-alive");
  assert((await e.message()).data === "still-alive", "echo after 1 s");
});
