// transports: websocket, polling
// An Engine.IO session on /socket.io/ that never sends a namespace CONNECT is closed after connectTimeout
// (1000 ms); a session that did CONNECT in time stays open.
import { scenario, transport, RawEngine, assert, fail, delay, CONNECT_TIMEOUT } from "./lib.mjs";

scenario(async () => {
  const t0 = Date.now();
  const [idle, ok] = await Promise.all([
    RawEngine.open(transport, "/socket.io/"), // both answer pings
    RawEngine.open(transport, "/socket.io/"),
  ]);
  await ok.send("40");
  const ans = await ok.message((d) => d.startsWith("0"));
  assert(JSON.parse(ans.data.slice(1)).sid, "CONNECT answered with a sid");

  const info = await idle.whenClosed(CONNECT_TIMEOUT + 2000);
  // Not before the timeout from before the handshake; not much after it from the open packet's arrival.
  const sinceStart = idle.closedAt - t0, sinceOpen = idle.closedAt - idle.openedAt;
  assert(sinceStart >= CONNECT_TIMEOUT - 150 && sinceOpen <= CONNECT_TIMEOUT + 1000,
    `idle session closed ${sinceStart} ms after the handshake began (${sinceOpen} ms after its open packet), expected about ${CONNECT_TIMEOUT} ms (${JSON.stringify(info)})`);

  await delay(200); // the connected session must outlive the connect timeout
  if (ok.closed) fail(`the connected session was closed too: ${JSON.stringify(ok.closeInfo)}`);
  await ok.send(`42["message","alive"]`);
  const back = await ok.message((d) => d.startsWith('2["message-back"'));
  assert(back.data === `2["message-back","alive"]`, `connected session still works (got ${back.data})`);
});
